"""Score the ledger of a store against the dev list of US packages (tests/data/aid/).

Ingest ../shared/corpora/wh-ukraine into a store first (about 20 minutes on 2 cores):

    .venv/bin/presswatch ingest --db wh.db --n-process 2 \\
        ../shared/corpora/wh-ukraine/docs.jsonl.gz
    .venv/bin/python scripts/aid_dev.py --db wh.db [--min aid.p=0.7 --min aid.r=0.8]

Exports ``presswatch ledger --format csv`` (the default ledger: military aid committed)
and runs ``../shared/eval/score.py aid`` on it with the dev list as the truth; its table,
missed packages and false entries are printed, and its exit status is this script's.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / "tests" / "data" / "aid" / "us-packages-dev.json"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
PRESSWATCH = str(Path(sys.executable).with_name("presswatch"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="store with wh-ukraine ingested")
    parser.add_argument("--min", action="append", default=[], help="floor, e.g. aid.p=0.7")
    parser.add_argument("--errors", type=int, default=40, help="false entries to list")
    args = parser.parse_args(argv)
    if not SCORER.exists():
        print(f"aid_dev: {SCORER} not found (../shared beside the repository)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Path(tmp) / "ledger.csv"
        with ledger.open("w", encoding="utf-8") as out:
            done = subprocess.run(
                [PRESSWATCH, "ledger", "--db", args.db, "--format", "csv"],
                stdout=out,
                check=False,
            )
        if done.returncode != 0:
            return done.returncode
        floors = [f"--min={m}" for m in args.min]
        command = [sys.executable, str(SCORER), "aid", "--ledger", str(ledger)]
        command += ["--truth", str(TRUTH), "--errors", str(args.errors), *floors]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
