#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer on 127.0.0.1, starting them when they are
# installed here but stopped. Exits non-zero with a clear message otherwise.
set -euo pipefail

postgres_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }

wait_for() {
  local check=$1
  for _ in $(seq 1 30); do "$check" && return 0; sleep 1; done
  return 1
}

if ! postgres_up; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "Starting PostgreSQL..."
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  fi
  wait_for postgres_up || {
    echo "PostgreSQL is not reachable on 127.0.0.1:5432 and could not be started here." >&2
    echo "Start it, or set TEST_DATABASE_URL to a server you can reach." >&2
    exit 1
  }
fi

if ! redis_up; then
  if command -v redis-server >/dev/null; then
    echo "Starting Redis..."
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" \
      --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  fi
  wait_for redis_up || {
    echo "Redis is not reachable on 127.0.0.1:6379 and could not be started here." >&2
    exit 1
  }
fi
echo "PostgreSQL and Redis are reachable."
