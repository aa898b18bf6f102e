#!/usr/bin/env bash
# `make bench`: starts both servers on spare loopback ports, measures, stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/train.sh
source scripts/env.sh
source scripts/servers.sh
# `bash scripts/bench.sh --growth [options]`: how a turn's cost grows with the
# conversation's length and the stored conversations, on SQLite then
# PostgreSQL. scripts/bench_growth.py starts its own servers (Rasa 5905,
# actions 5955) with these functions, one database after the other.
if [[ "${1:-}" == --growth ]]; then
  shift
  exec .venv/bin/python scripts/bench_growth.py "$@"
fi
mkdir -p var/bench
# One address sends every message here: the per-address limit would measure itself.
export RSI_RATE_PER_IP=0 RSI_RATE_PER_SENDER=0
rm -f var/bench/bench.db
export DATABASE_URL="sqlite:///$PWD/var/bench/bench.db"
trap 'stop_servers' EXIT INT TERM
start_servers 5355 5305 var/bench
wait_for_answer 5305 300
.venv/bin/python scripts/bench.py --url http://127.0.0.1:5305 \
  --rasa-pgid "$RASA_PID" --actions-pgid "$ACTIONS_PID" "$@"
