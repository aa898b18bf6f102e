#!/usr/bin/env bash
# `make test`: everything CI checks; stops at the first failure (the unit tests, run
# beside the model's stages, are reported before the end-to-end tests start).
set -euo pipefail
cd "$(dirname "$0")/.."
T0=$SECONDS
bash scripts/setup.sh
source scripts/env.sh

step() { echo; echo "━━ $* ━━ ($(( SECONDS - T0 )) s)"; }

# pytest exits 5 when it collected nothing: that must fail, not pass.
run_pytest() {
  local rc=0
  .venv/bin/python -m pytest "$@" || rc=$?
  if (( rc == 5 )); then echo "erro: o pytest não encontrou testes ($*)" >&2; exit 1; fi
  return $rc
}

step "ruff (lint)"
.venv/bin/ruff check .

step "PostgreSQL e Redis de teste em loopback"
bash scripts/postgres.sh >/dev/null   # installs and starts it when absent
bash scripts/redis.sh >/dev/null      # idem (Debian's redis-server), port 56379
export RSI_REQUIRE_POSTGRES=1

# The unit, action and integration tests (one core) run beside the model's stages
# (validation, training, rasa test: the other core), which use neither PostgreSQL
# nor Redis; their output is shown when both are done. The end-to-end tests come
# after: some of them stop PostgreSQL and Redis.
mkdir -p var/test
UNIT_LOG=var/test/unit.log
step "testes unitários, de ações e de integração (SQLite + PostgreSQL), em paralelo com o modelo; registo em $UNIT_LOG"
( run_pytest -q -m "not e2e" tests >"$UNIT_LOG" 2>&1 ) &
UNIT_PID=$!
trap 'pkill -TERM -P "$UNIT_PID" 2>/dev/null; kill "$UNIT_PID" 2>/dev/null || true' EXIT

step "rasa data validate"
$RASA data validate --data data --domain domain.yml --config config.yml

step "treino do modelo"
bash scripts/train.sh

step "NLU: exatidão na divisão de teste (nunca usada no treino)"
rm -rf results/nlu
$RASA test nlu --nlu tests/nlu/test_nlu.yml --model models/rsi.tar.gz --out results/nlu --quiet
.venv/bin/python scripts/nlu_report.py results/nlu --min-accuracy 0.97 --min-intent-f1 0.90 --min-faq-accuracy 0.97

step "conversas de teste (rasa test core)"
# rasa test core checks the predicted intents and actions without running the
# actions (slot values come from the stories), so no action server is needed;
# what the actions do is tested by tests/actions and the end-to-end tests.
rm -rf results/core
$RASA test core --stories tests/stories --model models/rsi.tar.gz \
  --out results/core --fail-on-prediction-errors --quiet

step "Chromium para os testes no navegador; nginx para o perfil com vários processos"
bash scripts/browser.sh
bash scripts/nginx.sh >/dev/null

step "resultado dos testes unitários, de ações e de integração"
unit_rc=0
wait "$UNIT_PID" || unit_rc=$?
trap - EXIT
cat "$UNIT_LOG"
if (( unit_rc != 0 )); then echo "erro: os testes unitários falharam (código $unit_rc)" >&2; exit 1; fi

step "ponta a ponta por HTTP e no navegador (servidores reais)"
run_pytest -q -m e2e tests/e2e

echo
echo "✔ Todos os testes passaram em $(( SECONDS - T0 )) s."
