#!/usr/bin/env bash
# `make run`: install if needed, train if needed, start both servers, wait for a
# real answer, then keep running until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/train.sh
source scripts/env.sh
source scripts/servers.sh

ACTION_PORT=${ACTION_PORT:-5055}
RASA_PORT=${RASA_PORT:-5005}
t0=$SECONDS
trap 'echo; echo "» A parar os servidores…"; stop_servers; exit 0' INT TERM
start_servers "$ACTION_PORT" "$RASA_PORT" var/logs
echo "» A arrancar o servidor de ações (:$ACTION_PORT) e o servidor Rasa (:$RASA_PORT)…"
if ! wait_for_answer "$RASA_PORT" 240; then
  tail -n 20 var/logs/rasa.log >&2
  stop_servers
  exit 1
fi
mem=$(ps -o rss= -p "$(pgrep -d, -g "$RASA_PID"),$(pgrep -d, -g "$ACTIONS_PID")" | awk '{s+=$1} END {printf "%.0f", s/1024}')
cat <<MSG

✔ O assistente está pronto (respondeu em $(( SECONDS - t0 )) s; memória dos servidores: ${mem} MB).

  Conversar no terminal:   make chat
  REST:    curl -s -X POST http://127.0.0.1:$RASA_PORT/webhooks/rest/webhook \\
             -H 'Content-Type: application/json' -d '{"sender":"'\$(cat /proc/sys/kernel/random/uuid)'","message":"olá"}'
           (o «sender» tem de ser aleatório, com 128 bits ou mais: um UUID4)
  socket.io: http://127.0.0.1:$RASA_PORT/socket.io  (eventos user_uttered / bot_uttered)
  API HTTP (protegida): cabeçalho «Authorization: Bearer <token>», token em var/auth_token
  Registos: var/logs/   —   Ctrl-C para parar.
MSG
wait "$RASA_PID"
