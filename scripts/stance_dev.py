"""Score the stance extractor on the hand-annotated dev set (tests/data/stances/).

Runs ``Pipeline().extract`` on the dev set's news-2022 articles (read from the shared
folder, never copied into the repository), scores the ``stances`` of the records against
the judgements, and prints a table of figures, the errors, and as its last line one JSON
object of figures.

    .venv/bin/python scripts/stance_dev.py [--min macro_f1=0.3 --min coverage=0.5]
        [--errors N] [--dev-set PATH]

Exit status: 0; 1 when a figure is below its ``--min`` floor; 2 on bad arguments, an
unknown figure name or unreadable data. When the shared folder is missing the run is
skipped with a note (exit 0), except in CI (CI set), where that is an error (exit 1).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from types import ModuleType

from presswatch.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]


def _support() -> ModuleType:
    """tests/stance_dev.py (this script has the same name, so it is loaded by path)."""
    name = "presswatch_tests_stance_dev"
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "stance_dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it is executed
    spec.loader.exec_module(module)
    return module


sd = _support()

TABLE_ORDER = (
    "macro_f1",
    "accuracy",
    "coverage",
    "n_gold",
    "n_pred",
    "n_covered",
    "n_spurious",
    "n_invalid",
)


def parse_floors(specs: list[str]) -> dict[str, float]:
    floors = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        try:
            if not sep or not name.strip():
                raise ValueError
            floors[name.strip()] = float(value)
        except ValueError:
            raise SystemExit(f"stance_dev: --min wants NAME=VALUE, got {spec!r}") from None
    return floors


def render(fig: dict[str, float | int]) -> list[str]:
    names = [*TABLE_ORDER, *(k for k in fig if k not in TABLE_ORDER)]
    width = max(len(n) for n in names)
    lines = ["stance dev set", "-" * (width + 12)]
    for name in names:
        value = fig[name]
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        lines.append(f"{name:<{width}}  {shown:>8}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--errors", type=int, default=40, help="errors to list (default 40)")
    parser.add_argument("--dev-set", type=Path, default=sd.DEFAULT)
    args = parser.parse_args(argv)
    floors = parse_floors(args.min)

    shared = sd.shared_dir()
    if shared is None or not sd.corpus_path(shared).exists():
        where = "../shared (or $PRESSWATCH_SHARED) with corpora/news-2022"
        if os.environ.get("CI"):
            print(f"stance_dev: {where} not found; CI needs it")
            return 1
        print(f"stance_dev skipped: {where} not found")
        return 0
    try:
        judgements = sd.load_judgements(args.dev_set)
        articles = sd.load_articles(shared, [j.article for j in judgements], judgements)
    except (OSError, sd.DevSetError) as exc:
        print(f"stance_dev: {exc}", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    docs = sd.articles_as_documents(articles)
    records, failures = sd.extract_records(Pipeline().extract(docs))
    seconds = time.perf_counter() - t0
    preds = sd.stances_by_article(records, articles)
    fig = sd.score_by_article(preds, judgements)

    print(f"{len(docs)} articles, {len(judgements)} judgements, extracted in {seconds:.1f}s")
    for failure in failures:
        print(f"FAILED {failure.message()}")
    print("\n".join(render(fig)))
    errs = sd.errors(preds, judgements)
    if errs:
        print(f"\nerrors ({len(errs)}, first {min(len(errs), args.errors)}):")
        for err in errs[: args.errors]:
            print("  " + err.line())
    unknown = [k for k in floors if k not in fig]
    low = [f"{k} = {fig[k]} < {v}" for k, v in floors.items() if k in fig and fig[k] < v]
    for name in unknown:
        print(f"unknown figure in --min: {name} (known: {', '.join(fig)})")
    for line in low:
        print(f"BELOW FLOOR: {line}")
    print(json.dumps(fig, sort_keys=True))
    return 2 if unknown else 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
