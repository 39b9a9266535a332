#!/usr/bin/env bash
# Makes ready what the tests talk to for real: Redis, the machine's Postgres when it has one
# (tests fall back to an embedded Postgres otherwise), Chromium for the browser tests, and
# poppler-utils (pdftotext, pdfinfo, pdffonts, pdfimages) that read the label PDFs back, and Caddy.
set -euo pipefail
here="$(dirname "$0")"

redis_answers() {
  (exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\r\n' >&3 && read -r -t 2 reply <&3 && [[ "$reply" == +PONG* ]]) 2>/dev/null
}

if [ -z "${REDIS_URL:-}" ] && ! redis_answers; then
  command -v redis-server >/dev/null || "$here/apt-install.sh" redis-server
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 50); do redis_answers && break; sleep 0.1; done
  redis_answers || { echo "ampflux: Redis did not start on 127.0.0.1:6379" >&2; exit 1; }
fi

if [ -z "${TEST_DATABASE_URL:-}" ] && command -v pg_lsclusters >/dev/null; then
  pg_lsclusters --no-header | while read -r version cluster _port status _rest; do
    [ "$status" = "online" ] || pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start
  done
fi

[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || "$here/apt-install.sh" chromium
command -v pdftotext >/dev/null || "$here/apt-install.sh" poppler-utils
# The Dockerfile-steps test runs the web image's Caddy config for real (scripts/test/dockerfile.test.ts).
command -v caddy >/dev/null || "$here/apt-install.sh" caddy
