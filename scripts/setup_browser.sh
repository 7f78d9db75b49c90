#!/usr/bin/env bash
# Install the headless browser of the browser tests (tests/web/test_browser.py): Debian's
# `chromium` package, driven there by Playwright (a dev dependency) through
# executable_path=/usr/bin/chromium. Playwright never downloads a browser of its own:
# `playwright install` is never run, and PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 is set.
# Does nothing when /usr/bin/chromium is already there; otherwise needs root (or sudo)
# and Debian's package archive. apt-get's output is kept in .venv/setup-browser.log (or
# /tmp when there is no .venv yet) and shown only when the install fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup_browser: $CHROMIUM is missing and apt-get is not available;" \
    "install Chromium so that $CHROMIUM exists" >&2
  exit 1
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "setup_browser: $CHROMIUM is missing; run as root: apt-get install -y chromium" >&2
    exit 1
  fi
fi
if [ -d .venv ]; then log=.venv/setup-browser.log; else log=$(mktemp /tmp/setup-browser.XXXXXX); fi
echo "setup_browser: installing Debian's chromium (log: $log)"
if ! {
  "${SUDO[@]}" apt-get update &&
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y --no-install-recommends chromium fonts-liberation
} >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "setup_browser: installing chromium failed; the whole log is in $log" >&2
  exit 1
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "setup_browser: chromium installed but $CHROMIUM is missing" >&2
  exit 1
fi
"$CHROMIUM" --version 2>/dev/null || true
