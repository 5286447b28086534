#!/usr/bin/env bash
# Provides a real PostgreSQL for the gateway store's test suite, without Docker.
#
# Idempotent and non-interactive (CI runs it as root with no stdin): installs Debian's
# PostgreSQL server only when it is missing, makes one cluster listen on 127.0.0.1 only,
# starts it when it is not running, and creates role custodia (password custodia) and
# database custodia_test. The last lines printed on stdout are the export lines to eval:
#
#   eval "$(bash .ci/postgres-setup.sh)"
#
# Progress goes to stderr so that stdout holds only the exports.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

PORT="${CUSTODIA_PG_PORT:-5432}"
CLUSTER="${CUSTODIA_PG_CLUSTER:-main}"
DB_USER=custodia
DB_PASSWORD=custodia
DB_NAME=custodia_test

log() { echo "postgres-setup: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root (installs packages and manages the cluster as user postgres)"
  exit 1
fi

server_version() {
  ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(server_version)" ] || [ ! -x "/usr/lib/postgresql/$(server_version)/bin/postgres" ]; then
  log "installing postgresql from Debian packages"
  # policy-rc.d may forbid starting services inside a container; we start the cluster ourselves.
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
fi
VERSION="$(server_version)"

if ! pg_lsclusters --no-header 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$VERSION $CLUSTER"; then
  log "creating cluster $VERSION/$CLUSTER on port $PORT"
  pg_createcluster --port "$PORT" "$VERSION" "$CLUSTER" >&2
fi

# Loopback only: the test database must never be reachable from another host. A drop-in in
# conf.d (included by Debian's postgresql.conf) keeps the packaged file untouched.
CONF_DIR="/etc/postgresql/$VERSION/$CLUSTER/conf.d"
DROP_IN="$CONF_DIR/90-custodia-test.conf"
WANTED="listen_addresses = '127.0.0.1'"
CONF_CHANGED=0
if [ "$(cat "$DROP_IN" 2>/dev/null || true)" != "$WANTED" ]; then
  mkdir -p "$CONF_DIR"
  printf '%s\n' "$WANTED" > "$DROP_IN"
  CONF_CHANGED=1
fi
ACTUAL_PORT="$(pg_conftool "$VERSION" "$CLUSTER" show -s port)"

STATUS="$(pg_lsclusters --no-header | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}')"
if [ "$STATUS" != "online" ]; then
  log "starting cluster $VERSION/$CLUSTER"
  pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
elif [ "$CONF_CHANGED" -eq 1 ]; then
  log "restarting cluster $VERSION/$CLUSTER to apply listen_addresses"
  pg_ctlcluster "$VERSION" "$CLUSTER" restart >&2
fi

psql_admin() {
  # cd / so that psql, running as postgres, does not complain about an unreadable cwd.
  (cd / && runuser -u postgres -- psql --no-psqlrc -q -v ON_ERROR_STOP=1 -p "$ACTUAL_PORT" "$@")
}

for _ in $(seq 1 30); do
  if psql_admin -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then break; fi
  sleep 1
done

psql_admin -d postgres <<SQL >&2
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${DB_USER}') THEN
    CREATE ROLE ${DB_USER} LOGIN PASSWORD '${DB_PASSWORD}';
  ELSE
    ALTER ROLE ${DB_USER} LOGIN PASSWORD '${DB_PASSWORD}';
  END IF;
  -- The store's compaction issues CHECKPOINT after VACUUM FULL; PostgreSQL 15+ grants that
  -- through pg_checkpoint instead of superuser.
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'pg_checkpoint') THEN
    GRANT pg_checkpoint TO ${DB_USER};
  END IF;
END
\$\$;
SQL

if ! psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'" | grep -qx 1; then
  log "creating database ${DB_NAME}"
  psql_admin -d postgres -c "CREATE DATABASE ${DB_NAME} OWNER ${DB_USER}" >&2
fi

DATA_DIR="$(pg_conftool "$VERSION" "$CLUSTER" show -s data_directory)"
log "PostgreSQL $VERSION/$CLUSTER ready on 127.0.0.1:${ACTUAL_PORT}, data directory ${DATA_DIR}"
echo "export CUSTODIA_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:${ACTUAL_PORT}/${DB_NAME}?user=${DB_USER}&password=${DB_PASSWORD}'"
echo "export CUSTODIA_TEST_POSTGRES_DATADIR='${DATA_DIR}'"
