#!/usr/bin/env bash
# Trains models/rsi.tar.gz only when the training data or the configuration changed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

fp=$(cat config.yml domain.yml $(find data -name '*.yml' | sort) | sha256sum | cut -c1-16)
if [[ -f models/rsi.tar.gz && -f models/.fingerprint && "$(cat models/.fingerprint)" == "$fp" ]]; then
  echo "» Modelo atualizado (models/rsi.tar.gz); não é preciso treinar."
  exit 0
fi
echo "» A treinar o modelo (alguns minutos)…"
start=$(date +%s)
$RASA train --data data --domain domain.yml --config config.yml \
  --out models --fixed-model-name rsi --quiet
echo "$fp" > models/.fingerprint
echo "» Treino concluído em $(( $(date +%s) - start )) s; modelo: $(du -h models/rsi.tar.gz | cut -f1)."
