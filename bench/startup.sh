#!/usr/bin/env bash
# npm run bench:startup — how long the platform takes to come up, on this machine:
#   infra up      from everything stopped (binaries cached) until Temporal, PostgreSQL, Weaviate are healthy
#   infra up (again)  with everything already running (the idempotent path)
#   app start     `node scripts/start.ts` from spawn until the gateway's /healthz passes and URLs print
# Stops what it started at the end. Cold builds are measured by timing `scripts/infra.sh install`
# with empty CALLPLATFORM_CACHE_DIR, GOCACHE and GOMODCACHE.
set -euo pipefail
cd "$(dirname "$0")/.."
ms() { date +%s%3N; }

bash scripts/infra.sh down >/dev/null 2>&1 || true
t=$(ms); bash scripts/infra.sh up >/dev/null 2>&1; infra_cold=$(( $(ms) - t ))
t=$(ms); bash scripts/infra.sh up >/dev/null 2>&1; infra_warm=$(( $(ms) - t ))

log=$(mktemp)
t=$(ms)
node scripts/start.ts >"$log" 2>&1 &
pid=$!
until grep -q 'Console ' "$log"; do
  kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
app=$(( $(ms) - t ))
kill -TERM "$pid"; wait "$pid" || true
rm -f "$log"

printf 'infra up (services stopped, binaries cached): %6d ms\n' "$infra_cold"
printf 'infra up (already running):                   %6d ms\n' "$infra_warm"
printf 'app start until healthy (incl. migrate, seed, console build): %6d ms\n' "$app"
