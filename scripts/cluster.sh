#!/usr/bin/env bash
# `make run-cluster`: the multi-process profile on one machine, with one command.
#
#   PostgreSQL (conversations and certificate requests)   scripts/postgres.sh
#   Redis (the lock that serialises one conversation's turns)  scripts/redis.sh
#   one action server, N Rasa processes, nginx in front on 127.0.0.1:$RSI_PORT
#
# Waits for a real answer through nginx before saying it is ready, then runs
# until Ctrl-C or SIGTERM, which stop everything it started.
#
# Environment (defaults in brackets):
#   RSI_RASA_PROCESSES [2]      Rasa processes (each ~1.3 GB and 40-60 s to start)
#   RSI_PORT [5005]             nginx, the only door for citizens
#   RSI_RASA_PORTS [5011 5012…] the Rasa processes' ports (loopback), space separated
#   ACTION_PORT [5055]          the action server
#   RSI_REST_BALANCE [conversation]  webhook turns: conversation | round-robin
#   RSI_RATE_PER_IP [600]       webhook messages a minute per client address, counted by nginx
#   RSI_MODEL                   a trained model (skips set-up and training)
#   RSI_CLUSTER_DIR [var/cluster]  nginx's prefix, endpoints and logs
#   DATABASE_URL                PostgreSQL to use; else scripts/postgres.sh with
#                               PGDATABASE_TEST [rsi_cluster] on PGPORT [55432]
#   RSI_REDIS_URL               Redis to use; else scripts/redis.sh, database RSI_REDIS_DB [1]
#   RSI_KEEP_DATA_SERVERS [0]   1: leave PostgreSQL/Redis running even if started here
# Secrets (RASA_AUTH_TOKEN, ACTION_SERVER_SECRET, RSI_SESSION_KEY) come from
# the environment or the var directory (bot/serving/settings.py); they are made
# once, before any server starts, so every process holds the same ones.
set -euo pipefail
cd "$(dirname "$0")/.."

MODEL=${RSI_MODEL:-models/rsi.tar.gz}
PROCESSES=${RSI_RASA_PROCESSES:-2}
PORT=${RSI_PORT:-5005}
ACTION_PORT=${ACTION_PORT:-5055}
BALANCE=${RSI_REST_BALANCE:-conversation}
RUN=$(realpath -m "${RSI_CLUSTER_DIR:-var/cluster}")
START_TIMEOUT=${RSI_START_TIMEOUT:-300}
say() { echo "cluster.sh: $*" >&2; }
fail() { echo "erro: $*" >&2; exit 2; }

# Wrong settings are told before anything is installed or started.
[[ "$PROCESSES" =~ ^[1-9][0-9]*$ ]] || fail "RSI_RASA_PROCESSES deve ser um número inteiro positivo."
[[ "$BALANCE" == conversation || "$BALANCE" == round-robin ]] \
  || fail "RSI_REST_BALANCE deve ser conversation ou round-robin."
[[ "${RSI_RATE_PER_IP:-600}" =~ ^[0-9]+$ ]] || fail "RSI_RATE_PER_IP deve ser um número inteiro."
for p in "$PORT" "$ACTION_PORT" ${RSI_RASA_PORTS:-}; do
  [[ "$p" =~ ^[0-9]+$ ]] && (( p > 0 && p < 65536 )) || fail "«$p» não é uma porta."
done
if [[ -n "${RSI_RASA_PORTS:-}" ]]; then
  read -r -a RASA_PORTS <<<"$RSI_RASA_PORTS"
  (( ${#RASA_PORTS[@]} == PROCESSES )) || fail "RSI_RASA_PORTS tem ${#RASA_PORTS[@]} portas para $PROCESSES processos."
else
  RASA_PORTS=()
  for i in $(seq 1 "$PROCESSES"); do RASA_PORTS+=($((5010 + i))); done
fi
if [[ -z "${RSI_MODEL:-}" ]]; then
  bash scripts/setup.sh
  bash scripts/train.sh
fi
source scripts/env.sh
source scripts/servers.sh

[[ -f "$MODEL" ]] || fail "o modelo $MODEL não existe (scripts/train.sh)."
for p in "$PORT" "$ACTION_PORT" "${RASA_PORTS[@]}"; do
  port_free "$p" || fail "a porta $p já está ocupada (outro servidor a correr?)."
done
NGINX=$(bash scripts/nginx.sh)
mkdir -p "$RUN/logs"

# --- data servers -----------------------------------------------------------
STARTED_PG="" STARTED_REDIS=""
if [[ "${DATABASE_URL:-}" != postgres* ]]; then
  pg_port=${PGPORT:-55432}
  pg_ready=$(ls -d /usr/lib/postgresql/*/bin/pg_isready 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$pg_ready" ]] && "$pg_ready" -q -h 127.0.0.1 -p "$pg_port" || STARTED_PG=$pg_port
  DATABASE_URL=$(PGPORT=$pg_port PGDATABASE_TEST=${PGDATABASE_TEST:-rsi_cluster} bash scripts/postgres.sh)
fi
if [[ -z "${RSI_REDIS_URL:-}" ]]; then
  [[ -f scripts/redis.sh ]] || fail "scripts/redis.sh não existe: defina RSI_REDIS_URL."
  redis-cli -h 127.0.0.1 -p 56379 ping >/dev/null 2>&1 || STARTED_REDIS=1
  redis_url=$(bash scripts/redis.sh)
  # The same server, another database than redis.sh's default (its tests flush theirs).
  RSI_REDIS_URL="${redis_url%/*}/${RSI_REDIS_DB:-1}"
fi
export DATABASE_URL RSI_REDIS_URL

# --- servers ----------------------------------------------------------------
ACTIONS_PID="" NGINX_PID="" RASA_PIDS=()
stop_all() {
  trap - INT TERM EXIT
  rm -f "$RUN/ready" "$RUN/pids"
  say "a parar o nginx, ${#RASA_PIDS[@]} processo(s) Rasa e o servidor de ações…"
  stop_group "$NGINX_PID"
  stop_group "${RASA_PIDS[@]}" "$ACTIONS_PID"
  if [[ "${RSI_KEEP_DATA_SERVERS:-0}" != 1 ]]; then
    if [[ -n "$STARTED_PG" ]]; then
      say "a parar o PostgreSQL que arrancou (porta $STARTED_PG)"
      pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
      pg_data=${RSI_PG_DATA:-/tmp/rsi-pg-$STARTED_PG}
      if [[ "$(id -u)" == 0 ]]; then su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D $pg_data -m fast stop" >&2 || true
      else "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >&2 || true; fi
    fi
    if [[ -n "$STARTED_REDIS" ]]; then
      say "a parar o Redis que arrancou"
      redis-cli -u "$RSI_REDIS_URL" shutdown nosave >/dev/null 2>&1 || true
    fi
  fi
}
trap 'stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

# Every process must hold the same secrets: make any missing one now, before
# two processes race to create the same file with different values.
.venv/bin/python -c 'import bot.serving.settings as s; [s.secret(n) for n in s.DEFAULT_FILES]'

t0=$SECONDS
# Sanic closes a new connection that sends nothing for KEEP_ALIVE_TIMEOUT (5 s):
# a Rasa process busy with many turns can take longer between connecting to
# the action server and writing the call, and the action was lost. 75 s is
# above any such gap, and above aiohttp's own keep-alive (15 s).
ACTIONS_PID=$(SANIC_KEEP_ALIVE_TIMEOUT=${SANIC_KEEP_ALIVE_TIMEOUT:-75} \
  start_action_process "$ACTION_PORT" "$RUN/logs/actions.log")
# Behind nginx every message comes from nginx's address: the limit per address
# is nginx's (nginx_conf reads RSI_RATE_PER_IP); the processes keep the one per conversation.
for port in "${RASA_PORTS[@]}"; do
  cluster_endpoints "$ACTION_PORT" "$RSI_REDIS_URL" "$RUN/endpoints-$port.yml"
  RASA_PIDS+=("$(RSI_RATE_PER_IP=0 start_rasa_process "$MODEL" "$RUN/endpoints-$port.yml" "$port" "$RUN/logs/rasa-$port.log")")
done
say "servidor de ações :$ACTION_PORT, processos Rasa :${RASA_PORTS[*]} (a carregar o modelo…)"
for i in "${!RASA_PORTS[@]}"; do
  if ! wait_for_answer_at "${RASA_PORTS[$i]}" "${RASA_PIDS[$i]}" "$START_TIMEOUT"; then
    tail -n 20 "$RUN/logs/rasa-${RASA_PORTS[$i]}.log" >&2
    exit 1
  fi
done
nginx_conf "$RUN/nginx" "127.0.0.1:$PORT" "$BALANCE" "${RASA_PORTS[@]}"
NGINX_PID=$(start_nginx "$NGINX" "$RUN/nginx") || { say "configuração do nginx inválida"; exit 1; }
wait_for_answer_at "$PORT" "$NGINX_PID" 60 || { tail -n 20 "$RUN/nginx/logs/error.log" >&2; exit 1; }

cat <<MSG

✔ O assistente está pronto em http://127.0.0.1:$PORT/ (nginx, $BALANCE) com ${#RASA_PORTS[@]} processos Rasa (respondeu em $(( SECONDS - t0 )) s).
  Processos Rasa: ${RASA_PORTS[*]}   servidor de ações: $ACTION_PORT
  Conversas e pedidos: PostgreSQL (DATABASE_URL)   trinco das conversas: Redis
  Registos: $RUN/logs/ e $RUN/nginx/logs/   —   Ctrl-C para parar.
MSG
# Who is who, for tests and operators: "role port pid" per line.
{
  echo "nginx $PORT $NGINX_PID"
  echo "actions $ACTION_PORT $ACTIONS_PID"
  for i in "${!RASA_PORTS[@]}"; do echo "rasa ${RASA_PORTS[$i]} ${RASA_PIDS[$i]}"; done
} >"$RUN/pids"
# The database for scripts/load.py's count of stored requests; the URL may hold
# a password: readable by the owner only.
(umask 077; echo "DATABASE_URL=$DATABASE_URL" >"$RUN/ready")

# Stay in the foreground while nginx runs; a Rasa process that dies is only
# reported (nginx skips it), as a supervisor would restart it in production.
declare -A reported=()
while kill -0 "$NGINX_PID" 2>/dev/null; do
  for i in "${!RASA_PIDS[@]}"; do
    if [[ -z "${reported[$i]:-}" ]] && ! kill -0 "${RASA_PIDS[$i]}" 2>/dev/null; then
      say "o processo Rasa da porta ${RASA_PORTS[$i]} terminou; o nginx passa a usar os outros."
      reported[$i]=1
    fi
  done
  sleep 1 &
  wait $! || true
done
say "o nginx terminou; a parar o resto."
