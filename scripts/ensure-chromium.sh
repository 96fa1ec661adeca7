#!/usr/bin/env bash
# Make sure a system Chromium (and a CJK font, so screenshots show Chinese text rather than boxes)
# is installed before the studio browser tests run. Playwright drives /usr/bin/chromium; it never
# downloads its own browser builds.
set -euo pipefail
have_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null | head -n1)" ]; }
if command -v chromium >/dev/null 2>&1 && have_font; then
  exit 0
fi
echo "ensure-chromium: installing chromium and fonts-wqy-microhei from Debian packages" >&2
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  chromium fonts-wqy-microhei >/dev/null
command -v chromium >/dev/null 2>&1 || { echo "ensure-chromium: chromium missing after install" >&2; exit 1; }
