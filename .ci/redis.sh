#!/usr/bin/env bash
# Run a command with a Redis server on the loopback interface as the shared cache: install
# Debian's package if missing, start a throw-away server (no persistence) on a free port,
# export DJANGO_CACHE_URL, run the command, and stop the server again whatever happens.
set -euo pipefail

if ! command -v redis-server >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
folder=$(mktemp -d)
redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --dir "$folder" \
  --daemonize yes --pidfile "$folder/redis.pid" --logfile "$folder/redis.log"
trap 'redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$folder"' EXIT
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done

export DJANGO_CACHE_URL="redis://127.0.0.1:$port/0"
"$@"
