#!/usr/bin/env bash
# Set up presswatch and run the demo: ingest the White House texts on Ukraine and the
# seed articles from ../shared (or $PRESSWATCH_SHARED) into presswatch-demo.db, then
# summarise what was found. Extra arguments go to `presswatch demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/presswatch demo "$@"
