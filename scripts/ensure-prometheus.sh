#!/usr/bin/env bash
# Make sure promtool and prometheus are on PATH before the tests run (tests/ops/ validates the chart's
# alerts with promtool and checks the dashboard against a real Prometheus), installing Debian's
# `prometheus` package when missing. The package's own service must not start or stay running: the
# tests start their own Prometheus on a free loopback port, and a CI runner has no use for a daemon.
set -euo pipefail
if command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; then
  exit 0
fi
echo "ensure-prometheus: installing prometheus (promtool) from Debian packages" >&2
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
# policy-rc.d answering 101 tells invoke-rc.d not to start services during this install; an
# existing policy (e.g. Docker's) is kept and restored.
POLICY=/usr/sbin/policy-rc.d
BACKUP=""
if [ -e "$POLICY" ]; then BACKUP="$(mktemp)"; $SUDO cp -p "$POLICY" "$BACKUP"; fi
restore() {
  if [ -n "$BACKUP" ]; then $SUDO cp -p "$BACKUP" "$POLICY"; rm -f "$BACKUP"; else $SUDO rm -f "$POLICY"; fi
}
trap restore EXIT
printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
$SUDO chmod 755 "$POLICY"
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
# systemd hosts ignore policy-rc.d for enablement: stop and disable the unit if it started anyway.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now prometheus.service >/dev/null 2>&1 || true
fi
command -v promtool >/dev/null 2>&1 || { echo "ensure-prometheus: promtool missing after install" >&2; exit 1; }
