#!/usr/bin/env bash
# Make sure a Redis server answers on 127.0.0.1:6379 before the tests run:
# use the running one, else start the installed one, else install it from Debian's packages.
# The Cluster and Sentinel tests start their own redis-server processes and build the cluster with
# `redis-cli --cluster create`, so both binaries must be there (redis-server and redis-tools).
set -euo pipefail
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  echo "ensure-redis: installing redis-server and redis-tools (redis-cli) from Debian packages" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq redis-server redis-tools >/dev/null
fi
if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
  exit 0
fi
echo "ensure-redis: starting redis-server on 127.0.0.1:6379" >&2
mkdir -p /tmp/script-agent-redis
redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
  --dir /tmp/script-agent-redis --logfile /tmp/script-agent-redis/redis.log
for _ in $(seq 1 50); do
  redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG && exit 0
  sleep 0.1
done
echo "ensure-redis: redis-server did not answer on 127.0.0.1:6379" >&2
exit 1
