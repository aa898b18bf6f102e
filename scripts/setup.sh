#!/usr/bin/env bash
# Creates .venv with Python 3.10 and installs the pinned dependencies.
# Idempotent: a second run only compares a fingerprint and returns.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
  # Rasa 3.6 needs Python >=3.8,<3.11; we standardise on 3.10.
  local candidates=()
  [[ -n "${RSI_PYTHON:-}" ]] && candidates+=("$RSI_PYTHON")
  candidates+=(python3.10)
  local root="${PYENV_ROOT:-$HOME/.pyenv}"
  for p in "$root"/versions/3.10.*/bin/python3.10 /root/.pyenv/versions/3.10.*/bin/python3.10 \
           /usr/local/bin/python3.10 /usr/bin/python3.10; do
    [[ -x "$p" ]] && candidates+=("$p")
  done
  for c in "${candidates[@]}"; do
    # A pyenv shim may exist but fail: actually run it.
    if "$c" -c 'import sys, venv; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
      command -v "$c" 2>/dev/null || echo "$c"
      return 0
    fi
  done
  return 1
}

fingerprint() {
  cat requirements/lock.txt requirements/base.txt requirements/dev.txt | sha256sum | cut -c1-16
}

# The website chat's browser packages (socket.io client, axe-core for its tests),
# pinned in package-lock.json; a stamp with the lock file's hash makes a second
# run return at once.
install_web_packages() {
  local web_stamp
  web_stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
  [[ -f "$web_stamp" ]] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "» A instalar o Node.js e o npm (pacotes Debian)…"
    local sudo=""
    (( EUID == 0 )) || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
  fi
  echo "» A instalar os pacotes do chat web (npm ci)…"
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  touch "$web_stamp"
}
install_web_packages

stamp=".venv/.installed-$(fingerprint)"
if [[ -f "$stamp" && -x .venv/bin/python ]]; then
  exit 0
fi

if ! PY=$(find_python); then
  echo "erro: é preciso Python 3.10 (o Rasa Open Source 3.6 só funciona com Python >=3.8,<3.11)." >&2
  echo "      Instale-o (por exemplo com pyenv: 'pyenv install 3.10') ou indique-o em RSI_PYTHON=/caminho/python3.10." >&2
  exit 1
fi

echo "» A preparar o ambiente virtual .venv com $PY (demora 1-2 minutos na primeira vez)…"
if [[ ! -x .venv/bin/python ]] || ! .venv/bin/python -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
  rm -rf .venv
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip==24.2"
# The lock file pins every transitive version, so pip cannot drift (it would
# otherwise upgrade SQLAlchemy past what Rasa 3.6 accepts).
.venv/bin/python -m pip install --quiet --disable-pip-version-check \
  -c requirements/lock.txt -r requirements/base.txt -r requirements/dev.txt
rm -f .venv/.installed-*
touch "$stamp"
echo "» Ambiente pronto."
