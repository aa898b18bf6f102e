#!/usr/bin/env bash
# Trains models/rsi.tar.gz only when the training data or the configuration changed.
#
# The fingerprint covers what the trained model depends on: the pipeline and
# policies (config.yml), the domain, the training data and the pinned versions
# (requirements/lock.txt). A model trained for a fingerprint is also kept in a
# cache outside the working tree (RSI_MODEL_CACHE, by default
# ~/.cache/assistente-rsi/models of the user's own home, not the project's), so a
# fresh clone of the same commit, such as CI's, reuses it instead of training again.
# The newest few are kept.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

CACHE="${RSI_MODEL_CACHE:-$RSI_USER_HOME/.cache/assistente-rsi/models}"
KEEP_CACHED=3

fp=$(cat config.yml domain.yml $(find data -name '*.yml' | sort) requirements/lock.txt | sha256sum | cut -c1-16)
if [[ -f models/rsi.tar.gz && -f models/.fingerprint && "$(cat models/.fingerprint)" == "$fp" ]]; then
  echo "» Modelo atualizado (models/rsi.tar.gz); não é preciso treinar."
  exit 0
fi
mkdir -p models
if [[ -s "$CACHE/$fp.tar.gz" ]]; then
  cp "$CACHE/$fp.tar.gz" models/rsi.tar.gz.part && mv models/rsi.tar.gz.part models/rsi.tar.gz
  echo "$fp" > models/.fingerprint
  touch "$CACHE/$fp.tar.gz"  # recently used: kept longer
  echo "» Modelo já treinado para estes dados, copiado de $CACHE; não é preciso treinar."
  exit 0
fi
echo "» A treinar o modelo (alguns minutos)…"
start=$(date +%s)
$RASA train --data data --domain domain.yml --config config.yml \
  --out models --fixed-model-name rsi --quiet
echo "$fp" > models/.fingerprint
echo "» Treino concluído em $(( $(date +%s) - start )) s; modelo: $(du -h models/rsi.tar.gz | cut -f1)."
# Cache it (best effort: a full disk must not fail the training that worked).
if mkdir -p "$CACHE" 2>/dev/null && cp models/rsi.tar.gz "$CACHE/$fp.tar.gz.part" 2>/dev/null; then
  mv "$CACHE/$fp.tar.gz.part" "$CACHE/$fp.tar.gz"
  ls -t "$CACHE"/*.tar.gz 2>/dev/null | tail -n +$((KEEP_CACHED + 1)) | xargs -r rm -f
else
  rm -f "$CACHE/$fp.tar.gz.part"
fi
