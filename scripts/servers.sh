# Sourced: start/stop the action server and the Rasa server on loopback.
# Usage: start_servers ACTION_PORT RASA_PORT LOG_DIR ; stop_servers

ACTIONS_PID=""
RASA_PID=""

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_servers() {
  local action_port=$1 rasa_port=$2 logs=$3
  mkdir -p "$logs"
  for p in "$action_port" "$rasa_port"; do
    if ! port_free "$p"; then
      echo "erro: a porta $p já está ocupada (outro servidor a correr?)." >&2
      return 1
    fi
  done
  local endpoints="$logs/endpoints.yml"
  # The project's endpoints.yml with this run's action port.
  sed "s/127.0.0.1:5055/127.0.0.1:$action_port/" endpoints.yml > "$endpoints"
  # Both on loopback; the action server only answers calls carrying the shared
  # secret (var/action_secret), see bot/serving/.
  setsid .venv/bin/python -m bot.serving.action_server --port "$action_port" >"$logs/actions.log" 2>&1 &
  ACTIONS_PID=$!
  setsid .venv/bin/python -m bot.serving.rasa_server --model models/rsi.tar.gz --endpoints "$endpoints" \
    --credentials credentials.yml --interface 127.0.0.1 --port "$rasa_port" \
    >"$logs/rasa.log" 2>&1 &
  RASA_PID=$!
}

wait_for_answer() {
  # Ready means a real reply to "olá", not just an open port: an empty list
  # comes back while the model loads or when the action server is down.
  local rasa_port=$1 timeout=${2:-240} start=$SECONDS
  while (( SECONDS - start < timeout )); do
    if ! kill -0 "$RASA_PID" 2>/dev/null; then echo "erro: o servidor Rasa terminou; veja o registo." >&2; return 1; fi
    local reply
    reply=$(curl -s -m 10 -X POST "http://127.0.0.1:$rasa_port/webhooks/rest/webhook" \
      -H 'Content-Type: application/json' -d "{\"sender\":\"$(cat /proc/sys/kernel/random/uuid)\",\"message\":\"olá\"}" 2>/dev/null || true)
    if [[ "$reply" == *'"text"'* ]]; then return 0; fi
    sleep 2
  done
  echo "erro: o assistente não respondeu em ${timeout} s." >&2
  return 1
}

stop_servers() {
  for pid in $RASA_PID $ACTIONS_PID; do
    [[ -n "$pid" ]] && kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in $RASA_PID $ACTIONS_PID; do
    [[ -n "$pid" ]] && wait "$pid" 2>/dev/null || true
  done
  RASA_PID=""; ACTIONS_PID=""
}
