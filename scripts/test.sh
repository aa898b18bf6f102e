#!/usr/bin/env bash
# `make test`: everything CI checks, in order; stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

step() { echo; echo "━━ $* ━━"; }

# pytest exits 5 when it collected nothing: that must fail, not pass.
run_pytest() {
  local rc=0
  .venv/bin/python -m pytest "$@" || rc=$?
  if (( rc == 5 )); then echo "erro: o pytest não encontrou testes ($*)" >&2; exit 1; fi
  return $rc
}

step "ruff (lint)"
.venv/bin/ruff check .

step "PostgreSQL de teste em loopback"
bash scripts/postgres.sh >/dev/null   # installs and starts it when absent
export RSI_REQUIRE_POSTGRES=1

step "testes unitários, de ações e de integração (SQLite + PostgreSQL)"
run_pytest -q -m "not e2e" tests

step "rasa data validate"
$RASA data validate --data data --domain domain.yml --config config.yml

step "treino do modelo"
bash scripts/train.sh

step "NLU: exatidão na divisão de teste (nunca usada no treino)"
rm -rf results/nlu
$RASA test nlu --nlu tests/nlu/test_nlu.yml --model models/rsi.tar.gz --out results/nlu --quiet
.venv/bin/python scripts/nlu_report.py results/nlu --min-accuracy 0.93

step "conversas de teste (rasa test core, com o servidor de ações)"
source scripts/servers.sh
mkdir -p var/test
rm -f var/test/core.db
export DATABASE_URL="sqlite:///$PWD/var/test/core.db"
ACTION_PORT=5255
printf 'action_endpoint:\n  url: "http://127.0.0.1:%s/webhook"\n' "$ACTION_PORT" > var/test/endpoints.yml
setsid $RASA run actions --actions actions --port "$ACTION_PORT" > var/test/actions.log 2>&1 &
ACTIONS_PID=$!
trap 'kill -TERM -- "-$ACTIONS_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do port_free "$ACTION_PORT" || break; sleep 0.5; done
rm -rf results/core
$RASA test core --stories tests/stories --model models/rsi.tar.gz --endpoints var/test/endpoints.yml \
  --out results/core --fail-on-prediction-errors --quiet
kill -TERM -- "-$ACTIONS_PID" 2>/dev/null || true
trap - EXIT
unset DATABASE_URL

step "ponta a ponta por HTTP (servidores reais)"
run_pytest -q -m e2e tests/e2e

echo
echo "✔ Todos os testes passaram."
