#!/usr/bin/env bash
# Ensure a Redis server for the tests (and the multi-process profile) on
# loopback, idempotently, and print its URL on stdout (everything else goes to
# stderr).
#
#   scripts/redis.sh                  # port 56379 -> redis://127.0.0.1:56379/0
#   REDIS_PORT=56380 scripts/redis.sh
#
# Installs Debian's redis-server package when the binary is missing, then
# starts a server of its own (not the system service): listening only on
# 127.0.0.1, daemonized, no persistence (nothing written but its pid and log,
# under /tmp/rsi-redis-$PORT). A server already answering on the port is reused.
# For tests and a single machine: no password, never exposed beyond loopback.
set -euo pipefail

PORT="${REDIS_PORT:-56379}"
DIR="${RSI_REDIS_DIR:-/tmp/rsi-redis-$PORT}"
say() { echo "redis.sh: $*" >&2; }

case "$PORT" in
  ''|*[!0-9]*) say "REDIS_PORT must be a port number, not '$PORT'"; exit 2 ;;
esac

if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
  say "installing redis-server (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q redis-server >&2; then
    apt-get update -q >&2
    apt-get install -y -q redis-server >&2
  fi
fi
command -v redis-server >/dev/null || { say "redis-server not found after install"; exit 1; }

ping() { [ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null)" = "PONG" ]; }

if ping; then
  say "server already running on 127.0.0.1:$PORT"
else
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  say "starting server on 127.0.0.1:$PORT (log $DIR/redis.log)"
  # --save "" and --appendonly no: nothing is persisted; the data only needs
  # to outlive a conversation, and tests flush what they use.
  redis-server --bind 127.0.0.1 --port "$PORT" --protected-mode yes \
    --daemonize yes --dir "$DIR" --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" \
    --save "" --appendonly no >&2
fi

for _ in $(seq 1 50); do
  ping && break
  sleep 0.2
done
ping || { say "server did not answer on 127.0.0.1:$PORT; see $DIR/redis.log"; exit 1; }

echo "redis://127.0.0.1:$PORT/0"
