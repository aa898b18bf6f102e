#!/usr/bin/env bash
# Ensure Debian's nginx is installed, idempotently, and print the path of its
# binary on stdout (everything else goes to stderr).
#
#   scripts/nginx.sh        # -> /usr/sbin/nginx
#
# Only the binary is used: scripts/cluster.sh runs it with a configuration and
# a prefix of its own (`nginx -p DIR -c FILE`), never the system's site. The
# package's own service is not needed; where the package manager starts it
# (a Debian host with systemd), it is left as the package set it up.
set -euo pipefail
say() { echo "nginx.sh: $*" >&2; }

find_bin() {
  command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true
}

BIN="$(find_bin)"
if [ -z "$BIN" ]; then
  say "installing nginx (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { say "nginx is missing and installing it needs root or sudo"; exit 1; }
    SUDO="sudo -n"
  fi
  # Try without refreshing the package lists first (quick when they are recent).
  if ! $SUDO apt-get install -y -q --no-install-recommends nginx >&2; then
    $SUDO apt-get update -q >&2
    $SUDO apt-get install -y -q --no-install-recommends nginx >&2
  fi
  BIN="$(find_bin)"
fi
[ -n "$BIN" ] && [ -x "$BIN" ] || { say "nginx not found after install"; exit 1; }
# The upstream "hash" and WebSocket proxying need nginx >= 1.7.2 (every Debian release has it).
"$BIN" -v 2>&1 | sed 's/^/nginx.sh: /' >&2
echo "$BIN"
