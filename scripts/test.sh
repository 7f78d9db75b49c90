#!/usr/bin/env bash
# Set up presswatch and run every check CI runs: lint, types, the README's CLI
# reference, the test suite, and the extraction quality gate.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1  # the browser tests use Debian's chromium
bash scripts/setup.sh
bash scripts/setup_browser.sh
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff"; ruff check src tests scripts && ruff format --check src tests scripts
echo "== mypy"; mypy
echo "== README CLI reference (cog)"; cog --check README.md
echo "== pytest"; pytest -q -p no:cacheprovider
echo "== quality gate"; python scripts/quality_gate.py
