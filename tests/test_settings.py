"""Settings: shipped defaults, a user TOML file over them, then PRESSWATCH_<NAME>."""

from __future__ import annotations

import dataclasses
import re
from importlib import resources
from pathlib import Path

import pytest

from presswatch.errors import ConfigError
from presswatch.settings import Settings, load_settings, shipped_defaults

FIELDS = [f.name for f in dataclasses.fields(Settings)]


def write_toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "presswatch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_defaults_match_the_declared_defaults() -> None:
    assert sorted(shipped_defaults()) == sorted(FIELDS)
    assert load_settings(env={}) == Settings()


def test_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = write_toml(tmp_path, 'batch_size = 3\ndomain = "base"\nnear_duplicate_threshold = 1\n')
    settings = load_settings(path, env={})
    assert settings == dataclasses.replace(
        Settings(), batch_size=3, domain="base", near_duplicate_threshold=1.0
    )
    assert isinstance(settings.near_duplicate_threshold, float)


def test_config_file_named_by_the_environment(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "batch_size = 3\n")
    settings = load_settings(env={"PRESSWATCH_CONFIG": str(path)})
    assert settings.batch_size == 3


def test_explicit_file_wins_over_the_environment_file(tmp_path: Path) -> None:
    named = write_toml(tmp_path, "batch_size = 3\n")
    other = tmp_path / "other.toml"
    other.write_text("batch_size = 5\n", encoding="utf-8")
    assert load_settings(named, env={"PRESSWATCH_CONFIG": str(other)}).batch_size == 3


def test_environment_overrides_file_and_defaults(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "batch_size = 3\nshingle_size = 7\n")
    env = {
        "PRESSWATCH_BATCH_SIZE": "4",
        "PRESSWATCH_NEAR_DUPLICATE_THRESHOLD": "0.5",
        "PRESSWATCH_DB": "sqlite:///other.db",
        "PRESSWATCH_NO_SUCH_SETTING": "ignored",
    }
    settings = load_settings(path, env=env)
    assert settings == dataclasses.replace(
        Settings(), batch_size=4, shingle_size=7, near_duplicate_threshold=0.5,
        db="sqlite:///other.db",
    )  # fmt: skip


def test_os_environ_is_the_default_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRESSWATCH_CONFIG", raising=False)
    monkeypatch.setenv("PRESSWATCH_N_PROCESS", "2")
    assert load_settings().n_process == 2


def test_unknown_setting_in_a_file(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "batch_size = 3\nbatchsize = 4\n")
    with pytest.raises(ConfigError) as exc:
        load_settings(path, env={})
    assert str(path) in exc.value.message
    assert "batchsize" in exc.value.message
    assert exc.value.code == "config"


@pytest.mark.parametrize(
    ("text", "env", "setting"),
    [
        ('batch_size = "many"', {}, "batch_size"),
        ('near_duplicate_threshold = "high"', {}, "near_duplicate_threshold"),
        ("", {"PRESSWATCH_BATCH_SIZE": "eight"}, "batch_size"),
        ("", {"PRESSWATCH_MAX_FILE_BYTES": ""}, "max_file_bytes"),
        ("", {"PRESSWATCH_NEAR_DUPLICATE_THRESHOLD": "0,8"}, "near_duplicate_threshold"),
    ],
)
def test_bad_value_type(tmp_path: Path, text: str, env: dict[str, str], setting: str) -> None:
    path = write_toml(tmp_path, text)
    with pytest.raises(ConfigError, match=setting):
        load_settings(path, env=env)


@pytest.mark.parametrize("text", ["batch_size = 2.5", "batch_size = true", "db = 5"])
def test_wrong_toml_type_is_not_silently_converted(tmp_path: Path, text: str) -> None:
    path = write_toml(tmp_path, text)
    with pytest.raises(ConfigError):
        load_settings(path, env={})


@pytest.mark.parametrize(
    "text", ["batch_size = ", "[section\n", "batch_size = 3\nbatch_size = 4\n"]
)
def test_invalid_toml_names_the_file(tmp_path: Path, text: str) -> None:
    path = write_toml(tmp_path, text)
    with pytest.raises(ConfigError) as exc:
        load_settings(path, env={})
    assert str(path) in exc.value.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"missing\.toml"):
        load_settings(tmp_path / "missing.toml", env={})


def test_with_overrides_skips_none() -> None:
    settings = Settings().with_overrides(batch_size=2, db=None)
    assert settings == dataclasses.replace(Settings(), batch_size=2)


# ----------------------------------------------------------------- documentation
SETTINGS_TOML = resources.files("presswatch").joinpath("settings.toml").read_text("utf-8")
ASSIGNMENT = re.compile(r"^([a-z_]+)\s*=")


def test_settings_toml_names_exactly_the_settings() -> None:
    names = [m.group(1) for line in SETTINGS_TOML.splitlines() if (m := ASSIGNMENT.match(line))]
    assert sorted(names) == sorted(FIELDS)


def _documented(name: str) -> bool:
    lines = SETTINGS_TOML.splitlines()
    (i,) = [k for k, line in enumerate(lines) if (m := ASSIGNMENT.match(line)) and m[1] == name]
    return i > 0 and lines[i - 1].startswith("#") and lines[i - 1].strip("# ") != ""


@pytest.mark.parametrize(
    "name",
    [f for f in FIELDS],
)
def test_every_setting_has_a_comment_line_directly_above(name: str) -> None:
    assert _documented(name)
