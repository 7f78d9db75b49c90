#!/usr/bin/env bash
# Create .venv (if missing) and install presswatch with its development tools, at the
# versions pinned in constraints.txt (so that the quality gate's figures are
# reproducible: a different spaCy/thinc/numpy can move a parse). Safe to run again:
# pip only installs what is missing or changed. pip's output is kept in
# .venv/setup.log and shown only when the install fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
log=.venv/setup.log
if ! {
  .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip &&
    .venv/bin/python -m pip install --disable-pip-version-check "torch==2.13.0" &&
    .venv/bin/python -m pip install --disable-pip-version-check -c constraints.txt \
      -e ".[dev,embeddings]"
} >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "setup failed; the whole log is in $log" >&2
  exit 1
fi
