#!/usr/bin/env bash
# Ensure a PostgreSQL server for the tests on loopback, idempotently, and print
# its DATABASE_URL on stdout (everything else goes to stderr).
#
#   scripts/postgres.sh            # port 55432, database rsi_test
#   PGPORT=55433 scripts/postgres.sh
#
# Installs Debian's postgresql package if no server binaries are found, runs
# initdb/pg_ctl as the "postgres" user when started as root (they refuse
# root), keeps its data in a directory of its own (/tmp/rsi-pg-$PORT), listens
# only on 127.0.0.1 and trusts local connections: for tests, never production.
set -euo pipefail

PORT="${PGPORT:-55432}"
DB="${PGDATABASE_TEST:-rsi_test}"
DATA="${RSI_PG_DATA:-/tmp/rsi-pg-$PORT}"
LOG="$DATA.log"
say() { echo "postgres.sh: $*" >&2; }

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

BIN="$(find_bin)"
if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
  say "installing postgresql (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q postgresql >&2; then
    apt-get update -q >&2
    apt-get install -y -q postgresql >&2
  fi
  BIN="$(find_bin)"
fi
[ -x "$BIN/pg_ctl" ] || { say "pg_ctl not found after install"; exit 1; }

# Run a command as the postgres user when we are root, as ourselves otherwise.
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  say "server already running on 127.0.0.1:$PORT"
else
  if [ ! -s "$DATA/PG_VERSION" ]; then
    say "initdb in $DATA"
    rm -rf "$DATA"
    mkdir -p "$DATA"
    touch "$LOG"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DATA" "$LOG"; fi
    chmod 700 "$DATA"
    as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2 \
      || as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C >&2
  fi
  say "starting server on 127.0.0.1:$PORT"
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DATA" start >&2
fi

for _ in $(seq 1 30); do
  "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" && break
  sleep 1
done
"$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" || { say "server did not become ready; see $LOG"; exit 1; }

if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc \
     "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  say "creating database $DB"
  "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
fi

echo "postgresql://postgres@127.0.0.1:$PORT/$DB"
