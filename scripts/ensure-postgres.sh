#!/usr/bin/env bash
# Start a throwaway PostgreSQL on loopback for the storage tests and write its URL to .tools/postgres-url.
# Installs Debian's postgresql when missing (as root), reuses a cluster this script started before.
# Under CI=true a PostgreSQL that cannot start fails the run; elsewhere the reason goes to
# .tools/postgres-skip-reason and the PostgreSQL tests are skipped with it.
# `scripts/ensure-postgres.sh --stop` stops the cluster and removes its folder.
set -u
cd "$(dirname "$0")/.."
TOOLS=.tools
URL_FILE=$TOOLS/postgres-url
REASON_FILE=$TOOLS/postgres-skip-reason
FIRST_PORT=${PATHWAYS_PG_PORT:-55432}
DB=pathways_test
ROLE=pathways
mkdir -p "$TOOLS"

unavailable() {
  rm -f "$URL_FILE"
  echo "$1" >"$REASON_FILE"
  if [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL for the storage tests: $1" >&2
    exit 1
  fi
  echo "NOTE: $1: the PostgreSQL storage tests will be skipped." >&2
  [ -n "$(pg_bindir)" ] || echo "      Install it with: sudo apt-get install postgresql" >&2
  exit 0
}

pg_bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# The server refuses to run as root: run its tools as the postgres user when we are root.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

cluster_dir() {
  echo "${TMPDIR:-/tmp}/pathways-postgres-$1"
}

BIN=$(pg_bindir)
if [ "${1:-}" = "--stop" ]; then
  for dir in "$(dirname "$(cluster_dir 0)")"/pathways-postgres-*; do
    if [ -d "$dir" ] && [ -n "$BIN" ]; then
      as_owner "$BIN/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1
    fi
    rm -rf "$dir"
  done
  rm -f "$(dirname "$(cluster_dir 0)")"/pathways-postgres-*.initdb.log
  rm -f "$URL_FILE" "$REASON_FILE"
  exit 0
fi

if [ -z "$BIN" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's postgresql for the storage tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1
  BIN=$(pg_bindir)
fi
[ -n "$BIN" ] || unavailable "PostgreSQL is not installed and could not be installed here (not root?)"
if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
  unavailable "there is no postgres user to run the server as"
fi

start_cluster() {  # $1 port, $2 folder
  if [ ! -f "$2/PG_VERSION" ]; then
    rm -rf "$2"
    mkdir -p "$2" && chmod 700 "$2"
    [ "$(id -u)" = "0" ] && chown postgres: "$2"
    as_owner "$BIN/initdb" -D "$2" -U postgres --auth=trust --no-locale -E UTF8 --no-sync >"$2.initdb.log" 2>&1 ||
      return 1
  fi
  as_owner "$BIN/pg_ctl" -D "$2" -l "$2/server.log" -w -t 30 \
    -o "-p $1 -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null 2>&1
}

PORT=""
for candidate in $(seq "$FIRST_PORT" $((FIRST_PORT + 9))); do
  dir=$(cluster_dir "$candidate")
  if [ -f "$dir/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    PORT=$candidate  # ours, already running
    break
  fi
  if port_in_use "$candidate"; then
    continue  # someone else's
  fi
  if start_cluster "$candidate" "$dir"; then
    PORT=$candidate
    break
  fi
  rm -rf "$dir"  # a cluster left broken by an earlier run: make a new one
  if start_cluster "$candidate" "$dir"; then
    PORT=$candidate
    break
  fi
  unavailable "PostgreSQL did not start in $dir (see $dir/server.log or $dir.initdb.log)"
done
[ -n "$PORT" ] || unavailable "no free port from $FIRST_PORT to $((FIRST_PORT + 9))"

psql_admin() {
  "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtAc "$1"
}
if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != "1" ]; then
  psql_admin "CREATE ROLE $ROLE LOGIN PASSWORD '$ROLE'" || unavailable "could not create the role $ROLE"
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
  psql_admin "CREATE DATABASE $DB OWNER $ROLE" || unavailable "could not create the database $DB"
fi
echo "postgresql+psycopg://$ROLE:$ROLE@127.0.0.1:$PORT/$DB" >"$URL_FILE"
rm -f "$REASON_FILE"
exit 0
