"""Extraction quality gate: run `presswatch extract` on each gold set and score it with
../shared/eval/score.py against the floors in eval/floors.toml.

Exit status 0 when every figure is at or above its floor, 1 otherwise. When the shared
folder is missing the gate fails in CI (CI=true) and is skipped with a note elsewhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    for cand in (os.environ.get("PRESSWATCH_SHARED"), ROOT.parent / "shared"):
        if cand and (Path(cand) / "eval" / "score.py").exists():
            return Path(cand)
    return None


def run_set(name: str, spec: dict[str, object], shared: Path, tmp: Path) -> bool:
    pred = tmp / f"{name}.pred.jsonl"
    manifest = shared / str(spec["manifest"])
    exe = Path(sys.executable).with_name("presswatch")
    with pred.open("w", encoding="utf-8") as fh:
        done = subprocess.run(
            [str(exe), "extract", "--manifest", str(manifest)],
            stdout=fh,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        print(f"[{name}] presswatch extract failed ({done.returncode}):\n{done.stderr[-2000:]}")
        return False
    cmd = [
        sys.executable,
        str(shared / "eval" / "score.py"),
        str(spec["command"]),
        "--pred",
        str(pred),
    ]
    if "gold" in spec:
        cmd += ["--gold-dir", str(shared / str(spec["gold"]))]
    floors = spec.get("floors", {})
    assert isinstance(floors, dict)
    for key, value in floors.items():
        cmd += ["--min", f"{key}={value}"]
    scored = subprocess.run(cmd, capture_output=True, text=True, check=False)
    last = scored.stdout.strip().splitlines()[-1] if scored.stdout.strip() else "{}"
    figures = json.loads(last)
    for key, floor in floors.items():
        got = figures.get(key)
        mark = "ok " if isinstance(got, (int, float)) and got >= floor else "LOW"
        print(f"[{name}] {mark} {key} = {got} (floor {floor})")
    if scored.returncode != 0:
        print(f"[{name}] score.py exit {scored.returncode}: {scored.stderr.strip()[-500:]}")
    return scored.returncode == 0


def main() -> int:
    shared = shared_dir()
    if shared is None:
        if os.environ.get("CI"):
            print("quality gate: ../shared (or $PRESSWATCH_SHARED) not found; CI needs it")
            return 1
        print("quality gate skipped: ../shared not found (set PRESSWATCH_SHARED)")
        return 0
    sets = tomllib.loads((ROOT / "eval" / "floors.toml").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        results = [run_set(name, spec, shared, Path(tmp)) for name, spec in sets.items()]
    print("quality gate:", "passed" if all(results) else "FAILED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
