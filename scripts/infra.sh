#!/usr/bin/env bash
# Local infrastructure without Docker: the Temporal dev server, PostgreSQL and Weaviate on loopback.
#
#   scripts/infra.sh install   fetch or build the pinned binaries into the cache (no start)
#   scripts/infra.sh up        install if needed, start what is not running, wait for health
#   scripts/infra.sh down      stop only what `up` started
#   scripts/infra.sh status    one line per service
#
# Binaries are looked up in this order: already on PATH; the cache; the official release download
# (skipped when CALLPLATFORM_NO_DOWNLOAD=1 or the network refuses); `go install` of the pinned module.
set -euo pipefail

TEMPORAL_VERSION=1.5.1
WEAVIATE_VERSION=1.38.11

CACHE_DIR=${CALLPLATFORM_CACHE_DIR:-$HOME/.cache/callplatform}
STATE_DIR=${CALLPLATFORM_STATE_DIR:-$HOME/.local/state/callplatform}
LOG_DIR=$STATE_DIR/logs
RUN_DIR=$STATE_DIR/run

TEMPORAL_PORT=${TEMPORAL_PORT:-7233}
TEMPORAL_UI_PORT=${TEMPORAL_UI_PORT:-8233}
WEAVIATE_PORT=${WEAVIATE_PORT:-8080}
WEAVIATE_GRPC_PORT=${WEAVIATE_GRPC_PORT:-50051}
PG_HOST=${PGHOST_INFRA:-127.0.0.1}
PG_PORT=${PGPORT_INFRA:-5432}
PG_USER=${CALLPLATFORM_DB_USER:-callplatform}
PG_PASSWORD=${CALLPLATFORM_DB_PASSWORD:-callplatform}
PG_DATABASES=${CALLPLATFORM_DB_NAMES:-callplatform callplatform_test}

SEARCH_ATTRIBUTES=(BusinessId CallStatus CallDirection CampaignId CampaignStatus)

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] error: %s\n' "$*" >&2; exit 1; }

mkdir -p "$CACHE_DIR" "$LOG_DIR" "$RUN_DIR"

# ---------------------------------------------------------------- binaries

download() { # url dest
  [ "${CALLPLATFORM_NO_DOWNLOAD:-0}" = 1 ] && return 1
  command -v curl >/dev/null || return 1
  curl -fsSL --connect-timeout 5 --max-time 600 -o "$2" "$1" 2>/dev/null
}

platform_arch() {
  case "$(uname -m)" in x86_64 | amd64) echo amd64 ;; aarch64 | arm64) echo arm64 ;; *) uname -m ;; esac
}

go_install() { # module@version dest_dir
  command -v go >/dev/null || die "Go is needed to build $1 (no binary on PATH, in the cache, or downloadable). Install Go >= 1.24 and retry."
  log "building $1 with go install (first time only; several minutes)"
  GOBIN="$2" GOFLAGS=-trimpath go install "$1" >"$LOG_DIR/go-install-$(basename "$2").log" 2>&1 ||
    die "go install $1 failed; see $LOG_DIR/go-install-$(basename "$2").log"
}

temporal_bin() {
  if command -v temporal >/dev/null; then command -v temporal; return; fi
  local dir=$CACHE_DIR/temporal-$TEMPORAL_VERSION
  if [ ! -x "$dir/temporal" ]; then
    mkdir -p "$dir"
    local tgz=$dir/temporal.tar.gz
    local os; os=$(uname -s | tr '[:upper:]' '[:lower:]')
    if download "https://temporal.download/cli/archive/v${TEMPORAL_VERSION}?platform=${os}&arch=$(platform_arch)" "$tgz" &&
      tar -xzf "$tgz" -C "$dir" temporal 2>/dev/null; then
      log "downloaded Temporal CLI $TEMPORAL_VERSION"
    else
      go_install "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_VERSION" "$dir"
    fi
    rm -f "$tgz"
  fi
  echo "$dir/temporal"
}

weaviate_bin() {
  if command -v weaviate-server >/dev/null; then command -v weaviate-server; return; fi
  local dir=$CACHE_DIR/weaviate-$WEAVIATE_VERSION
  if [ ! -x "$dir/weaviate-server" ]; then
    mkdir -p "$dir"
    local tgz=$dir/weaviate.tgz
    local os; os=$(uname -s | tr '[:upper:]' '[:lower:]')
    if download "https://github.com/weaviate/weaviate/releases/download/v${WEAVIATE_VERSION}/weaviate-v${WEAVIATE_VERSION}-${os}-$(platform_arch).tgz" "$tgz" &&
      tar -xzf "$tgz" -C "$dir" 2>/dev/null && [ -x "$dir/weaviate" ]; then
      mv "$dir/weaviate" "$dir/weaviate-server"
      log "downloaded Weaviate $WEAVIATE_VERSION"
    else
      go_install "github.com/weaviate/weaviate/cmd/weaviate-server@v$WEAVIATE_VERSION" "$dir"
    fi
    rm -f "$tgz"
  fi
  echo "$dir/weaviate-server"
}

pg_bindir() {
  if command -v pg_ctlcluster >/dev/null; then return 0; fi
  if command -v pg_ctl >/dev/null; then dirname "$(command -v pg_ctl)"; return 0; fi
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }; done
  return 1
}

install_postgres() {
  pg_bindir >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing PostgreSQL from Debian packages"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >"$LOG_DIR/apt-postgresql.log" 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >"$LOG_DIR/apt-postgresql.log" 2>&1; } ||
      die "apt-get install postgresql failed; see $LOG_DIR/apt-postgresql.log"
  else
    die "PostgreSQL is not installed. Install PostgreSQL >= 14 (e.g. 'apt-get install postgresql' or 'brew install postgresql') or start a server on $PG_HOST:$PG_PORT."
  fi
}

# ---------------------------------------------------------------- health checks

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
temporal_healthy() { port_open 127.0.0.1 "$TEMPORAL_PORT" && "$(temporal_bin)" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT" 2>/dev/null | grep -q SERVING; }
weaviate_healthy() { curl -fsS --max-time 2 "http://127.0.0.1:$WEAVIATE_PORT/v1/.well-known/ready" >/dev/null 2>&1; }
postgres_healthy() { port_open "$PG_HOST" "$PG_PORT"; }

wait_for() { # name check timeout_seconds logfile
  local i
  for ((i = 0; i < $3 * 2; i++)); do
    if $2; then return 0; fi
    sleep 0.5
  done
  die "$1 did not become healthy within $3 s; last lines of $4:
$(tail -n 20 "$4" 2>/dev/null)"
}

pid_alive() { [ -f "$RUN_DIR/$1.pid" ] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; }

spawn() { # name logfile cmd...
  local name=$1 logfile=$2; shift 2
  nohup setsid "$@" >>"$logfile" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$name.pid"
}

# ---------------------------------------------------------------- services

up_temporal() {
  if temporal_healthy; then log "temporal: already running on 127.0.0.1:$TEMPORAL_PORT (reused)"; return; fi
  local bin; bin=$(temporal_bin)
  mkdir -p "$STATE_DIR/temporal"
  local args=(server start-dev --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT"
    --db-filename "$STATE_DIR/temporal/temporal.db" --namespace default --log-format json --log-level warn
    --ui-codec-endpoint "${TEMPORAL_UI_CODEC_ENDPOINT:-http://127.0.0.1:4000/temporal-codec}")
  local sa
  for sa in "${SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$sa=Keyword"); done
  log "temporal: starting (log $LOG_DIR/temporal.log)"
  spawn temporal "$LOG_DIR/temporal.log" "$bin" "${args[@]}"
  wait_for temporal temporal_healthy 60 "$LOG_DIR/temporal.log"
}

register_search_attributes() {
  # start-dev registers them on a fresh database; this covers a server we reused.
  local bin sa existing; bin=$(temporal_bin)
  existing=$("$bin" operator search-attribute list --address "127.0.0.1:$TEMPORAL_PORT" -o json 2>/dev/null || true)
  for sa in "${SEARCH_ATTRIBUTES[@]}"; do
    if ! grep -q "\"$sa\"" <<<"$existing"; then
      "$bin" operator search-attribute create --address "127.0.0.1:$TEMPORAL_PORT" --name "$sa" --type Keyword >/dev/null 2>&1 ||
        die "could not register search attribute $sa"
    fi
  done
}

up_weaviate() {
  if weaviate_healthy; then log "weaviate: already running on 127.0.0.1:$WEAVIATE_PORT (reused)"; return; fi
  local bin; bin=$(weaviate_bin)
  mkdir -p "$STATE_DIR/weaviate"
  log "weaviate: starting (log $LOG_DIR/weaviate.log)"
  PERSISTENCE_DATA_PATH="$STATE_DIR/weaviate" \
    AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true \
    DEFAULT_VECTORIZER_MODULE=none ENABLE_MODULES='' \
    CLUSTER_HOSTNAME=node1 CLUSTER_ADVERTISE_ADDR=127.0.0.1 RAFT_BOOTSTRAP_EXPECT=1 \
    GRPC_PORT="$WEAVIATE_GRPC_PORT" DISABLE_TELEMETRY=true QUERY_DEFAULTS_LIMIT=25 LOG_FORMAT=json \
    spawn weaviate "$LOG_DIR/weaviate.log" "$bin" --host 127.0.0.1 --port "$WEAVIATE_PORT" --scheme http
  wait_for weaviate weaviate_healthy 90 "$LOG_DIR/weaviate.log"
}

psql_admin() { # runs SQL as the database superuser
  if command -v pg_ctlcluster >/dev/null && [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@"
  else
    psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -d postgres "$@"
  fi
}

ensure_database_roles() {
  local exists db
  exists=$(psql_admin -tAc "select 1 from pg_roles where rolname = '$PG_USER'") || die "cannot reach PostgreSQL as an administrator to create role $PG_USER"
  if [ "$exists" != 1 ]; then
    psql_admin -c "create role \"$PG_USER\" login createdb password '$PG_PASSWORD'"
    log "postgres: created role $PG_USER"
  fi
  for db in $PG_DATABASES; do
    exists=$(psql_admin -tAc "select 1 from pg_database where datname = '$db'")
    if [ "$exists" != 1 ]; then
      psql_admin -c "create database \"$db\" owner \"$PG_USER\""
      log "postgres: created database $db"
    fi
  done
}

up_postgres() {
  if postgres_healthy; then
    log "postgres: already running on $PG_HOST:$PG_PORT (reused)"
  else
    install_postgres
    if command -v pg_ctlcluster >/dev/null; then
      local cluster
      cluster=$(pg_lsclusters --no-header 2>/dev/null | awk -v p="$PG_PORT" '$3 == p { print $1 " " $2; exit }')
      if [ -z "$cluster" ]; then
        local ver; ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
        log "postgres: creating cluster $ver/main on port $PG_PORT"
        pg_createcluster "$ver" main -p "$PG_PORT" >/dev/null
        cluster="$ver main"
      fi
      log "postgres: starting cluster $cluster (log /var/log/postgresql/)"
      # shellcheck disable=SC2086
      pg_ctlcluster $cluster start
      echo "$cluster" >"$RUN_DIR/postgres.cluster"
    else
      local bindir; bindir=$(pg_bindir)
      local data=$STATE_DIR/postgres
      if [ ! -f "$data/PG_VERSION" ]; then
        [ "$(id -u)" != 0 ] || die "initdb cannot run as root; install Debian's postgresql package or run as a normal user"
        "$bindir/initdb" -D "$data" -U "$(id -un)" --auth=trust >"$LOG_DIR/postgres-initdb.log" 2>&1
      fi
      log "postgres: starting $data (log $LOG_DIR/postgres.log)"
      "$bindir/pg_ctl" -D "$data" -l "$LOG_DIR/postgres.log" -o "-p $PG_PORT -k /tmp -h 127.0.0.1" start >/dev/null
      echo "$data" >"$RUN_DIR/postgres.datadir"
    fi
    wait_for postgres postgres_healthy 30 "$LOG_DIR/postgres.log"
  fi
  ensure_database_roles
}

stop_pidfile() {
  local name=$1
  if pid_alive "$name"; then
    local pid; pid=$(cat "$RUN_DIR/$name.pid")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    log "$name: stopped"
  fi
  rm -f "$RUN_DIR/$name.pid"
}

down() {
  stop_pidfile weaviate
  stop_pidfile temporal
  if [ -f "$RUN_DIR/postgres.cluster" ]; then
    # shellcheck disable=SC2046
    pg_ctlcluster $(cat "$RUN_DIR/postgres.cluster") stop && log "postgres: stopped"
    rm -f "$RUN_DIR/postgres.cluster"
  elif [ -f "$RUN_DIR/postgres.datadir" ]; then
    "$(pg_bindir)/pg_ctl" -D "$(cat "$RUN_DIR/postgres.datadir")" stop -m fast >/dev/null && log "postgres: stopped"
    rm -f "$RUN_DIR/postgres.datadir"
  fi
}

status() {
  local s
  if temporal_healthy; then s=up; else s=down; fi
  printf 'temporal  %-4s grpc 127.0.0.1:%s  ui http://127.0.0.1:%s\n' "$s" "$TEMPORAL_PORT" "$TEMPORAL_UI_PORT"
  if postgres_healthy; then s=up; else s=down; fi
  printf 'postgres  %-4s %s:%s\n' "$s" "$PG_HOST" "$PG_PORT"
  if weaviate_healthy; then s=up; else s=down; fi
  printf 'weaviate  %-4s http 127.0.0.1:%s  grpc 127.0.0.1:%s\n' "$s" "$WEAVIATE_PORT" "$WEAVIATE_GRPC_PORT"
  printf 'logs      %s\n' "$LOG_DIR"
}

case "${1:-}" in
  install)
    temporal_bin >/dev/null
    weaviate_bin >/dev/null
    install_postgres
    log "binaries ready in $CACHE_DIR"
    ;;
  up)
    # Build both Go binaries before starting anything, so a slow build never races a health timeout.
    temporal_bin >/dev/null
    weaviate_bin >/dev/null
    up_postgres
    up_temporal
    register_search_attributes
    up_weaviate
    log "all healthy; logs in $LOG_DIR"
    ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 install|up|down|status" >&2; exit 2 ;;
esac
