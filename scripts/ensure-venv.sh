#!/usr/bin/env bash
# Create the project venv the make targets install into.
# Debian's python3 ships venv without ensurepip unless python3-venv is installed: install it when
# we are root (CI, containers), otherwise say exactly what to run.
set -euo pipefail
PYTHON="${1:-python3}"
VENV="${2:-.venv}"

if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "ensure-venv: '$PYTHON' not found; install Python 3.11+ or run: make PYTHON=/path/to/python3.11" >&2
  exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "ensure-venv: $("$PYTHON" --version 2>&1) is too old; script-agent needs Python 3.11+" >&2
  exit 1
fi
echo "==> creating $VENV with $("$PYTHON" --version 2>&1)"
rm -rf "$VENV"
if ! "$PYTHON" -m venv "$VENV" 2>/tmp/ensure-venv.err; then
  if grep -qi "ensurepip" /tmp/ensure-venv.err && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    minor="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    echo "ensure-venv: installing python${minor}-venv from Debian's packages" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python${minor}-venv" >/dev/null
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
  else
    cat /tmp/ensure-venv.err >&2
    echo "ensure-venv: could not create $VENV (on Debian: sudo apt-get install python3-venv)" >&2
    exit 1
  fi
fi
