#!/usr/bin/env bash
# The disk forecast's cost: the fleet-wide least-squares query of DiskTrendRepository, timed over a fleet's forecast window of reports written straight into a throwaway
# PostgreSQL, and the one-server query the server's API answer runs. E.g.
#   flock /tmp/healthmon-bench.lock bench/disk-forecast.sh --servers 10000 --interval 60
# Each server has two disks ("/" rising, "/var" flat); reports every --interval seconds over the last
# --window-hours (6). Prints the rows in the window, the write time, and each query's median and max
# over --runs (5) runs after one warm-up. Needs PostgreSQL server binaries: the embedded run's
# (/tmp/embedded-pg/PG-*/bin) or a Debian package's, and psql.
set -euo pipefail
cd "$(dirname "$0")/.."

servers=10000
interval=60
window_hours=6
runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --servers) servers=$2 ;;
    --interval) interval=$2 ;;
    --window-hours) window_hours=$2 ;;
    --runs) runs=$2 ;;
    *) echo "disk-forecast: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done

server_bin=$(ls -dt /tmp/embedded-pg/PG-*/bin /usr/lib/postgresql/*/bin 2>/dev/null | head -1)
[ -x "$server_bin/initdb" ] || { echo "disk-forecast: no PostgreSQL server binaries found" >&2; exit 1; }
psql=$(command -v psql || echo "$server_bin/psql")
# initdb and postgres refuse root: the throwaway cluster is nobody's then.
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }

work=$(mktemp -d /tmp/disk-forecast.XXXXXX)
trap 'run_pg "$server_bin/pg_ctl" -D "$work/data" -m immediate -w stop > /dev/null 2>&1 || true; rm -rf "$work"' EXIT
[ "$(id -u)" = 0 ] && chown nobody "$work"
run_pg "$server_bin/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync > "$work/initdb.log"
port=$((20000 + RANDOM % 10000))
run_pg "$server_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 60 \
  -o "-c port=$port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work" start > /dev/null
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=postgres
sql() { "$psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

echo "disk-forecast, $(date -u '+%Y-%m-%d %H:%M:%S') UTC, $(nproc) cores, $("$server_bin/postgres" --version)"
echo "fleet: $servers servers, a report every $interval s, window $window_hours h, 2 disks each"

# The metrics table as the schema has it (001, 005): daily partitions on collected_at, keyed on
# (server_ref, collected_at); only the columns the query reads are filled.
began=$SECONDS
sql <<SQL
create table metrics (
    server_ref bigint not null, collected_at timestamptz not null, received_at timestamptz not null,
    cpu_usage double precision, disk_usage jsonb,
    primary key (server_ref, collected_at)
) partition by range (collected_at);
create table metrics_default partition of metrics default;
do \$\$ begin
  for d in 0 .. ceil($window_hours / 24.0)::int + 1 loop
    execute format('create table %I partition of metrics for values from (%L) to (%L)',
      'metrics_p' || d, (current_date - d)::timestamp at time zone 'UTC', (current_date - d + 1)::timestamp at time zone 'UTC');
  end loop;
end \$\$;
insert into metrics (server_ref, collected_at, received_at, cpu_usage, disk_usage)
select s, t, t, 10, jsonb_build_array(
    jsonb_build_object('mountpoint', '/', 'total', 100000000000, 'used', 1, 'percentage',
                       40 + 10 * extract(epoch from t - (now() - interval '$window_hours hours')) / 3600 + random()),
    jsonb_build_object('mountpoint', '/var', 'total', 500000000000, 'used', 1, 'percentage', 35 + random()))
from generate_series(1, $servers) s,
     generate_series(date_trunc('second', now()) - interval '$window_hours hours', now(), interval '$interval seconds') t;
analyze metrics;
SQL
rows=$(sql -At -c "select count(*) from metrics")
echo "written: $rows reports in $((SECONDS - began)) s"

# DiskTrendRepository's FIT read from its source, so the query timed is the server's: its parameters
# (now in epoch seconds, the window's start) as expressions, its %s as the given server filter.
fit() {
  sed -n '/String FIT = """/,/""";/{//!p}' server-war/src/main/java/io/healthmon/server/persistence/jdbc/DiskTrendRepository.java \
    | sed "0,/?/s//extract(epoch from now())/; 0,/?/s//now() - interval '$window_hours hours'/; s/%s/$1/"
}

# Milliseconds of each run (the last of the warm-up and the runs), as psql's \timing reports them.
timed() {
  { echo '\timing on'; for _ in $(seq 0 "$runs"); do echo "$1;"; done; } | sql -o /dev/null \
    | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n "$runs" | sort -n
}
report() {
  local label=$1; shift
  local times; times=$(timed "$1")
  echo "$label: median $(echo "$times" | sed -n "$(( (runs + 1) / 2 ))p") ms, max $(echo "$times" | tail -1) ms over $runs runs"
}
report "fleet query ($((servers * 2)) disks)" "$(fit "")"
report "one server's query (API answer)" "$(fit "and m.server_ref = $((servers / 2))")"
