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

# ---------------------------------------------------------------------------
# Several Rasa processes behind nginx (scripts/cluster.sh, tests/e2e/test_cluster.py).
# These take the ports and files as arguments and keep no global state but
# the pid they echo, so a caller can start as many as it needs.

cluster_endpoints() {
  # cluster_endpoints ACTION_PORT REDIS_URL FILE: endpoints for one Rasa process
  # of a cluster: the action server on ACTION_PORT, the conversations in the
  # database of the environment (RSI_TRACKER_DB_URL or a PostgreSQL
  # DATABASE_URL, see bot/store/conversations.py), and the lock store in Redis
  # so two processes never run turns of one conversation at the same time.
  local action_port=$1 redis_url=$2 file=$3
  sed "s/127.0.0.1:5055/127.0.0.1:$action_port/" endpoints.yml > "$file"
  if [[ -f bot/serving/lock_store.py ]] && grep -q AtomicRedisLockStore bot/serving/lock_store.py; then
    # The project's lock store reads its URL from RSI_REDIS_URL (the caller exports it).
    printf 'lock_store:\n  type: bot.serving.lock_store.AtomicRedisLockStore\n' >> "$file"
  else
    # Rasa's own Redis lock store, from redis://HOST:PORT/DB.
    local rest=${redis_url#redis://} host port db
    host=${rest%%:*}; rest=${rest#*:}; port=${rest%%/*}; db=${rest#*/}
    [[ "$db" == "$rest" ]] && db=0
    printf 'lock_store:\n  type: redis\n  url: %s\n  port: %s\n  db: %s\n' "$host" "$port" "$db" >> "$file"
  fi
}

start_rasa_process() {
  # start_rasa_process MODEL ENDPOINTS PORT LOG: one Rasa server in its own
  # process group; prints its pid.
  local model=$1 endpoints=$2 port=$3 log=$4
  if ! port_free "$port"; then
    echo "erro: a porta $port já está ocupada (outro servidor a correr?)." >&2
    return 1
  fi
  setsid .venv/bin/python -m bot.serving.rasa_server --model "$model" --endpoints "$endpoints" \
    --credentials credentials.yml --interface 127.0.0.1 --port "$port" >"$log" 2>&1 &
  echo $!
}

start_action_process() {
  # start_action_process PORT LOG: the action server in its own process group; prints its pid.
  local port=$1 log=$2
  if ! port_free "$port"; then
    echo "erro: a porta $port já está ocupada (outro servidor a correr?)." >&2
    return 1
  fi
  setsid .venv/bin/python -m bot.serving.action_server --port "$port" >"$log" 2>&1 &
  echo $!
}

wait_for_answer_at() {
  # wait_for_answer_at PORT PID [TIMEOUT]: wait_for_answer for any server on
  # PORT (a Rasa process or the balancer in front), whose process is PID.
  local port=$1 pid=$2 timeout=${3:-240} start=$SECONDS reply
  while (( SECONDS - start < timeout )); do
    if ! kill -0 "$pid" 2>/dev/null; then echo "erro: o processo da porta $port terminou; veja o registo." >&2; return 1; fi
    reply=$(curl -s -m 10 -X POST "http://127.0.0.1:$port/webhooks/rest/webhook" \
      -H 'Content-Type: application/json' -d "{\"sender\":\"$(cat /proc/sys/kernel/random/uuid)\",\"message\":\"olá\"}" 2>/dev/null || true)
    if [[ "$reply" == *'"text"'* ]]; then return 0; fi
    sleep 2
  done
  echo "erro: a porta $port não respondeu em ${timeout} s." >&2
  return 1
}

nginx_conf() {
  # nginx_conf PREFIX LISTEN BALANCE RASA_PORT...: writes PREFIX/nginx.conf from
  # deploy/nginx.conf.template. BALANCE is "conversation" (each conversation's
  # webhook turns go to one process while it is up) or "round-robin" (turns
  # spread over all processes, each one answering from the shared database).
  local prefix=$1 listen=$2 balance=$3; shift 3
  local servers="" p balance_line note
  for p in "$@"; do
    # One failed connection takes a process out for 10 s, then nginx tries it again.
    servers+="        server 127.0.0.1:$p max_fails=1 fail_timeout=10s;"$'\n'
  done
  case "$balance" in
    conversation) balance_line='hash $rsi_conversation consistent;'
                  note='each conversation to one process while it is up (hash of its id)' ;;
    round-robin)  balance_line='# round robin (nginx default)'
                  note='round robin, every turn to the next process' ;;
    *) echo "erro: RSI_REST_BALANCE deve ser conversation ou round-robin, não «$balance»." >&2; return 2 ;;
  esac
  # RSI_RATE_PER_IP messages a minute per address (600; 0 = none), as the door's own limit.
  local rate=${RSI_RATE_PER_IP:-600} zone="# no limit per address (RSI_RATE_PER_IP=0)" limit="# no limit"
  [[ "$rate" =~ ^[0-9]+$ ]] || { echo "erro: RSI_RATE_PER_IP deve ser um número inteiro." >&2; return 2; }
  if (( rate > 0 )); then
    zone="limit_req_zone \$rsi_limited_address zone=rsi_per_address:10m rate=${rate}r/m;"
    limit="limit_req zone=rsi_per_address burst=$rate nodelay;"
  fi
  mkdir -p "$prefix/logs" "$prefix/tmp"
  local template=deploy/nginx.conf.template
  awk -v prefix="$prefix" -v listen="$listen" -v servers="${servers%$'\n'}" \
      -v balance="$balance_line" -v note="$note" -v zone="$zone" -v limit="$limit" '
    { gsub(/@PREFIX@/, prefix); gsub(/@LISTEN@/, listen); gsub(/@REST_BALANCE_NOTE@/, note)
      gsub(/@LIMIT_ZONE@/, zone); gsub(/@LIMIT@/, limit)
      if ($0 ~ /@RASA_SERVERS@/) { print servers; next }
      if ($0 ~ /@REST_BALANCE@/) { sub(/@REST_BALANCE@/, balance) }
      print }' "$template" > "$prefix/nginx.conf"
}

start_nginx() {
  # start_nginx NGINX_BIN PREFIX: checks PREFIX/nginx.conf, then runs nginx in
  # the foreground of its own process group; prints its pid.
  local bin=$1 prefix=$2
  "$bin" -t -q -p "$prefix" -e "$prefix/logs/error.log" -c "$prefix/nginx.conf" || return 1
  setsid "$bin" -p "$prefix" -e "$prefix/logs/error.log" -c "$prefix/nginx.conf" \
    >"$prefix/logs/nginx.out" 2>&1 &
  echo $!
}

stop_group() {
  # stop_group PID...: TERM each process group, then wait (KILL after 30 s).
  local pid n
  for pid in "$@"; do [[ -n "$pid" ]] && kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    [[ -n "$pid" ]] || continue
    for n in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
