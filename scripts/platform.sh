#!/usr/bin/env bash
# The two quick-start commands, on a fresh machine or a warm one:
#
#   scripts/platform.sh start   install what is missing, start infrastructure and every process
#   scripts/platform.sh test    install what is missing, run typecheck, lint and the whole test suite
#   scripts/platform.sh setup   only install (Node 24 if needed, system packages, npm packages, binaries)
#
# Node: uses the node on PATH when it is >= 22.18, else installs Node 24 from the npm registry's
# `node` package into the cache. Pinned binaries and Node live in ~/.cache/callplatform.
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE_DIR=${CALLPLATFORM_CACHE_DIR:-$HOME/.cache/callplatform}
NODE_MAJOR=24
log() { printf '[platform] %s\n' "$*" >&2; }

node_ok() {
  command -v node >/dev/null || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=18)?0:1)' 2>/dev/null
}

ensure_node() {
  if node_ok; then return; fi
  local dir=$CACHE_DIR/node-$NODE_MAJOR
  if [ ! -x "$dir/node_modules/.bin/node" ]; then
    command -v npm >/dev/null || { log "need npm (any Node.js) to fetch Node $NODE_MAJOR; install Node.js first"; exit 1; }
    log "installing Node $NODE_MAJOR from the npm registry into $dir"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "node@$NODE_MAJOR" >/dev/null
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
  node_ok || { log "Node $NODE_MAJOR install did not work (node is $(node --version))"; exit 1; }
}

apt_install() { # packages...
  local missing=()
  local p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    log "please install: ${missing[*]} (needs root and apt; or your system's equivalent)"
    return
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null; }
}

ensure_npm_packages() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm install"
    # `npm ci` can trip on optional platform packages the lockfile names; install honours the lockfile too.
    npm install --no-audit --no-fund --loglevel=error
  fi
}

setup() {
  ensure_node
  if command -v apt-get >/dev/null; then apt_install curl ca-certificates openssl postgresql; fi
  ensure_npm_packages
  bash scripts/infra.sh install
}

run_tests() {
  local failed_checks=0 passed_checks=0
  mkdir -p test/artifacts
  if npm run --silent typecheck; then passed_checks=$((passed_checks + 1)); else failed_checks=$((failed_checks + 1)); log "typecheck failed"; fi
  if npm run --silent lint; then passed_checks=$((passed_checks + 1)); else failed_checks=$((failed_checks + 1)); log "lint failed"; fi
  local results=test/artifacts/jest-results.json
  rm -f "$results"
  set +e
  NODE_OPTIONS=--experimental-vm-modules npx jest --json --outputFile="$results" "$@"
  local jest_status=$?
  set -e
  node -e '
    const fs = require("node:fs");
    const [file, passedChecks, failedChecks, jestStatus] = process.argv.slice(1);
    let passed = 0, failed = 0;
    if (fs.existsSync(file)) {
      const r = JSON.parse(fs.readFileSync(file, "utf8"));
      passed = r.numPassedTests;
      failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
    } else if (jestStatus !== "0") failed = 1;
    console.log(`(typecheck and lint: ${passedChecks} passed, ${failedChecks} failed)`);
    console.log(`${passed + Number(passedChecks)} passed, ${failed + Number(failedChecks)} failed`);
  ' "$results" "$passed_checks" "$failed_checks" "$jest_status"
  [ "$failed_checks" = 0 ] && [ "$jest_status" = 0 ]
}

case "${1:-}" in
  setup) setup ;;
  start) setup; exec node scripts/start.ts ;;
  test)
    shift
    setup
    if command -v apt-get >/dev/null; then apt_install chromium; fi
    run_tests "$@"
    ;;
  *) echo "usage: $0 start|test|setup" >&2; exit 2 ;;
esac
