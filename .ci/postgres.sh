#!/usr/bin/env bash
# Run a command against a PostgreSQL server on the loopback interface: install Debian's
# package if missing, start the cluster, create the role and database, export DATABASE_URL,
# run the command, and stop the server again whatever happens.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
  pg_ctlcluster "$version" main start
fi
trap 'pg_ctlcluster "$version" main stop || true' EXIT

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -c \"$1\""; }
psql_admin "SELECT 1 FROM pg_roles WHERE rolname = 'committee'" | grep -q 1 ||
  psql_admin "CREATE ROLE committee LOGIN PASSWORD 'committee' CREATEDB"
psql_admin "SELECT 1 FROM pg_database WHERE datname = 'committee'" | grep -q 1 ||
  psql_admin "CREATE DATABASE committee OWNER committee"

export DATABASE_URL=postgres://committee:committee@127.0.0.1:5432/committee
"$@"
