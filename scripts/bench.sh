#!/usr/bin/env bash
# `make bench`: this checkout's figures beside a baseline commit's, in one run.
#
# The baseline (BENCH_BASE, or --base REV) is exported into a temporary folder
# that shares this checkout's .venv, gets its model from its own scripts/train.sh
# (the model cache makes that a copy) and starts its own servers with its own
# scripts. Then each side in turn, never both at once (2 cores): its servers
# start, the start-up is timed to the first real answer, this checkout's
# scripts/bench.py measures it with the same conversations, its servers stop.
# scripts/bench_compare.py prints the table with the ratios and issue 12's targets.
#
#   bash scripts/bench.sh [--no-base | --base REV] [--training] [--concurrency N] [--rounds N]
#   bash scripts/bench.sh --growth [options]   (scripts/bench_growth.py)
#
# --training also times a full training of each side (cache bypassed, ~10 min).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# `bash scripts/bench.sh --growth [options]`: how a turn's cost grows with the
# conversation's length and the stored conversations, on SQLite then
# PostgreSQL. scripts/bench_growth.py starts its own servers (Rasa 5905,
# actions 5955) with these functions, one database after the other.
if [[ "${1:-}" == --growth ]]; then
  shift
  bash scripts/train.sh
  source scripts/env.sh
  source scripts/servers.sh
  exec .venv/bin/python scripts/bench_growth.py "$@"
fi

fail() { echo "erro: $1" >&2; exit "${2:-2}"; }

BASE_REV=${BENCH_BASE:-736f520}
WITH_BASE=1 TRAINING=0
BENCH_ARGS=()
while (( $# )); do
  case "$1" in
    --no-base) WITH_BASE=0 ;;
    --base)
      [[ $# -ge 2 && -n "$2" ]] || fail "--base precisa de uma revisão (por exemplo --base 736f520)."
      BASE_REV=$2; shift ;;
    --training) TRAINING=1 ;;
    --concurrency|--rounds)
      [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]{0,3}$ ]] || fail "$1 precisa de um número inteiro positivo."
      BENCH_ARGS+=("$1" "$2"); shift ;;
    *) fail "opção desconhecida «$1» (use --no-base, --base REV, --training, --concurrency N, --rounds N ou --growth)." ;;
  esac
  shift
done

NOW_REV=$(git rev-parse --short HEAD)
# A checkout with uncommitted changes is measured as it is: say so beside its sha.
git diff --quiet HEAD -- 2>/dev/null || NOW_REV="$NOW_REV+alterações"
if (( WITH_BASE )); then
  BASE_SHA=$(git rev-parse --verify --quiet "$BASE_REV^{commit}") \
    || fail "revisão desconhecida «$BASE_REV» (BENCH_BASE ou --base)."
  BASE_SHORT=$(git rev-parse --short "$BASE_SHA")
fi

bash scripts/train.sh
source scripts/env.sh   # after this, HOME is the project's and RSI_USER_HOME the user's (the model cache)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/rsi-bench.XXXXXX")
cleanup() {
  # Each side stops its own servers; this catches any left by a hard stop.
  local pid
  if [[ -f "$WORK/pids" ]]; then
    for pid in $(cat "$WORK/pids"); do kill -TERM -- "-$pid" 2>/dev/null || true; done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

measure_side() {
  # measure_side NAME DIR RASA_PORT ACTION_PORT: that folder's servers, measured by
  # this checkout's bench.py; the figures go to $WORK/NAME.json, logs to var/bench/NAME/.
  local name=$1 dir=$2 rasa_port=$3 action_port=$4
  local logs="$ROOT/var/bench/$name"
  mkdir -p "$logs"
  (
    cd "$dir"
    unset PYTHONPATH     # this checkout's; the side's own env.sh sets its folder
    source scripts/env.sh
    source scripts/servers.sh
    # One address sends every message here: the per-address limit would measure itself.
    export RSI_RATE_PER_IP=0 RSI_RATE_PER_SENDER=0
    export DATABASE_URL="sqlite:///$WORK/$name.db"
    # The side's own token file, read by its server and by bench.py for /model/parse.
    export RASA_AUTH_TOKEN_FILE="$dir/var/auth_token"
    trap 'stop_servers' EXIT
    trap 'exit 130' INT TERM
    launched=$(date +%s.%N)
    start_servers "$action_port" "$rasa_port" "$logs"
    echo "$RASA_PID $ACTIONS_PID" >> "$WORK/pids"
    "$ROOT/.venv/bin/python" "$ROOT/scripts/bench.py" --url "http://127.0.0.1:$rasa_port" \
      --launched-at "$launched" --log "${logs#"$ROOT"/}/rasa.log" --json "$WORK/$name.json" \
      --rasa-pgid "$RASA_PID" --actions-pgid "$ACTIONS_PID" "${BENCH_ARGS[@]}"
  )
}

train_side() {
  # train_side NAME DIR: seconds of a full training in DIR, into a temporary folder,
  # with neither the project's model cache nor Rasa's own component cache.
  local name=$1 dir=$2 start
  echo "» Treino completo ($name), sem cache…"
  (
    cd "$dir"
    unset PYTHONPATH
    source scripts/env.sh
    export RASA_CACHE_DIRECTORY="$WORK/rasa-cache-$name"
    start=$(date +%s.%N)
    "$ROOT/.venv/bin/rasa" train --data data --domain domain.yml --config config.yml \
      --out "$WORK/train-$name" --fixed-model-name rsi --quiet >"$ROOT/var/bench/$name/train.log" 2>&1 \
      || { echo "erro: o treino ($name) falhou; veja var/bench/$name/train.log" >&2; exit 1; }
    LC_ALL=C awk -v end="$(date +%s.%N)" -v start="$start" 'BEGIN { printf "%.1f\n", end - start }' > "$WORK/$name.train"
  )
}

COMPARE=(--now "$WORK/agora.json" --now-rev "$NOW_REV")
if (( WITH_BASE )); then
  BASE_DIR="$WORK/base"
  mkdir -p "$BASE_DIR"
  git archive "$BASE_SHA" | tar -x -C "$BASE_DIR"
  # Same pinned dependencies: the baseline runs in this checkout's virtualenv.
  ln -s "$ROOT/.venv" "$BASE_DIR/.venv"
  [[ -d node_modules ]] && ln -s "$ROOT/node_modules" "$BASE_DIR/node_modules"
  if ! git diff --quiet "$BASE_SHA" -- requirements/lock.txt; then
    echo "» Atenção: requirements/lock.txt mudou desde $BASE_SHORT; a base corre com as versões de agora."
  fi
  echo "» Base $BASE_SHORT em $BASE_DIR; o seu modelo:"
  start=$SECONDS
  (cd "$BASE_DIR" && unset PYTHONPATH && bash scripts/train.sh)
  (( SECONDS - start < 30 )) || echo "» O modelo da base levou $(( SECONDS - start )) s a ficar pronto."
  echo "== base $BASE_SHORT (Rasa 5605, ações 5655) =="
  measure_side base "$BASE_DIR" 5605 5655
  COMPARE+=(--base "$WORK/base.json" --base-rev "$BASE_SHORT")
fi
echo "== agora $NOW_REV (Rasa 5305, ações 5355) =="
measure_side agora "$ROOT" 5305 5355

if (( TRAINING )); then
  if (( WITH_BASE )); then
    train_side base "$BASE_DIR"
    COMPARE+=(--train-base "$(cat "$WORK/base.train")")
  fi
  train_side agora "$ROOT"
  COMPARE+=(--train-now "$(cat "$WORK/agora.train")")
fi

echo
.venv/bin/python scripts/bench_compare.py "${COMPARE[@]}"
