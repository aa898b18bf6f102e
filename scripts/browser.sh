#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/e2e/test_web_chat.py), driven
# headless by Playwright. Idempotent: returns at once when it is installed.
# Never `playwright install`: it downloads a browser build of its own.
set -euo pipefail
[[ -x /usr/bin/chromium ]] && exit 0
sudo=""
(( EUID == 0 )) || sudo="sudo"
echo "» A instalar o Chromium (pacote Debian) para os testes no navegador…"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
  chromium fonts-dejavu-core >/dev/null
