#!/usr/bin/env bash
# Run a command against a PostgreSQL primary and a streaming replica of it, both throw-away
# clusters of their own on the loopback interface: the primary on port 5433, the replica on
# 5434 made from it with `pg_basebackup -R` (it then follows the primary's WAL). Exports
# DATABASE_URL (the primary) and DATABASE_REPLICA_URLS (the replica), runs the command, and
# stops and drops both clusters whatever happens. Any other cluster (15/main on 5432, which
# .ci/postgres.sh uses) is left alone.
#
# The replica applies what it receives CI_REPLICA_APPLY_DELAY seconds late
# (recovery_min_apply_delay; 5 by default, 0 for none): a lagging replica, on which reading
# one's own write from the replica would visibly fail, so the tests can tell that the
# router keeps a user who has just written on the primary (tests/hardening/test_replicas.py).
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
primary=ci_primary
replica=ci_replica
primary_port=5433
replica_port=5434
delay=${CI_REPLICA_APPLY_DELAY:-5}
export CI_REPLICA_APPLY_DELAY=$delay

drop_clusters() {
  for cluster in "$replica" "$primary"; do
    if pg_lsclusters -h | grep -q "^$version $cluster "; then
      pg_dropcluster --stop "$version" "$cluster" || true
    fi
  done
}
finish() {
  status=$?
  if [ "$status" -ne 0 ]; then
    for cluster in "$primary" "$replica"; do
      log=/var/log/postgresql/postgresql-$version-$cluster.log
      [ -f "$log" ] && { echo "--- $log (last lines)"; tail -n 20 "$log"; }
    done
  fi
  drop_clusters
  exit "$status"
}
trap finish EXIT
drop_clusters # left behind by a run that was killed

for port in "$primary_port" "$replica_port"; do
  if pg_lsclusters -h | awk '{print $3}' | grep -qx "$port"; then
    echo "Port $port belongs to another PostgreSQL cluster (pg_lsclusters); not touching it." >&2
    exit 1
  fi
done

settings() { # cluster, then lines for its conf.d
  local cluster=$1
  shift
  printf '%s\n' "$@" >"/etc/postgresql/$version/$cluster/conf.d/ci.conf"
}

pg_createcluster "$version" "$primary" --port "$primary_port" >/dev/null
settings "$primary" "listen_addresses = '127.0.0.1'" "wal_level = replica" \
  "max_wal_senders = 4" "fsync = off" "synchronous_commit = off" "full_page_writes = off"
pg_ctlcluster "$version" "$primary" start

psql_primary() { su postgres -c "psql -p $primary_port -v ON_ERROR_STOP=1 -qAt -c \"$1\""; }
psql_primary "CREATE ROLE committee LOGIN PASSWORD 'committee' CREATEDB REPLICATION"
psql_primary "CREATE DATABASE committee OWNER committee"

# The replica: an empty cluster's configuration, the primary's data copied into its data
# directory by pg_basebackup, which with -R also writes standby.signal and primary_conninfo.
pg_createcluster "$version" "$replica" --port "$replica_port" >/dev/null
settings "$replica" "listen_addresses = '127.0.0.1'" "hot_standby = on" "fsync = off" \
  "recovery_min_apply_delay = '${delay}s'"
data=/var/lib/postgresql/$version/$replica
rm -rf "$data"
su postgres -c "PGPASSWORD=committee pg_basebackup --host=127.0.0.1 --port=$primary_port \
  --username=committee --pgdata=$data --write-recovery-conf --wal-method=stream --checkpoint=fast"
pg_ctlcluster "$version" "$replica" start
for _ in $(seq 60); do
  in_recovery=$(su postgres -c "psql -p $replica_port -qAt -c 'SELECT pg_is_in_recovery()'" 2>/dev/null || true)
  [ "$in_recovery" = t ] && break
  sleep 0.5
done
if [ "$in_recovery" != t ]; then
  echo "The replica on port $replica_port did not come up as a standby." >&2
  exit 1
fi

export DATABASE_URL=postgres://committee:committee@127.0.0.1:$primary_port/committee
export DATABASE_REPLICA_URLS=postgres://committee:committee@127.0.0.1:$replica_port/committee
"$@"
