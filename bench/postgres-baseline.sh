#!/usr/bin/env bash
# How fast is this machine's PostgreSQL today? The performance issue gave the machine's baseline when it
# was written: about 2,400 per-report transactions/s (one transaction per report, as the original Python
# stack did), 5,600 single-row autocommit inserts/s and 44,000 rows/s by COPY. This VM's speed varies a
# lot from day to day, so the ingest benchmark's figures can only be judged against the machine's speed
# at the time: this script measures those three figures again, on a throwaway cluster with the embedded
# database's durability settings, and prints them next to the issue's with the ratio.
#
#   flock /tmp/healthmon-bench.lock bench/postgres-baseline.sh
#
# (the lock keeps it from overlapping other benchmarks on this 2-core machine). It prints figures and
# asserts nothing; a run takes about two minutes. PGBASELINE_SECONDS (default 20) sets each pgbench run's
# length and PGBASELINE_COPY_ROWS (default 500000) the COPY's size, e.g. for a quick try of the script.
set -euo pipefail

seconds=${PGBASELINE_SECONDS:-20}
copy_rows=${PGBASELINE_COPY_ROWS:-500000}
servers=6000
# The issue's figures, to compare with.
issue_report_tx=2400
issue_inserts=5600
issue_copy=44000

die() { echo "postgres-baseline: $*" >&2; exit 1; }

# --- Binaries ----------------------------------------------------------------------------------------
# The server: preferably the PostgreSQL 17 that the project's embedded run uses (zonky extracts it to
# /tmp/embedded-pg/PG-<hash>/bin the first time ./healthmon or bench/ingest.sh runs), so the figures are
# for the same server build the ingest benchmark measures. Otherwise a Debian server package's, if any.
server_bin=""
for dir in $(ls -dt /tmp/embedded-pg/PG-*/bin 2>/dev/null); do
  if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then server_bin=$dir; break; fi
done
if [ -z "$server_bin" ]; then
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5nr); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then server_bin=$dir; break; fi
  done
  [ -n "$server_bin" ] || die "no PostgreSQL server binaries found. The project's embedded PostgreSQL 17 is
extracted to /tmp/embedded-pg/PG-*/bin by any embedded run; run once (it builds the project if needed):
  bench/ingest.sh --duration 5 --warmup 1"
  echo "note: the project's embedded PostgreSQL (/tmp/embedded-pg/PG-*/bin) was not found; using $server_bin."
  echo "      For the same server build as the ingest benchmark, run once: bench/ingest.sh --duration 5 --warmup 1"
fi
# The clients: pgbench and psql from PATH (Debian's postgresql-client), else from the server's bin dir.
client() {
  if command -v "$1" > /dev/null; then command -v "$1"
  elif [ -x "$server_bin/$1" ]; then echo "$server_bin/$1"
  else
    die "$1 not found. Install Debian's PostgreSQL client tools (they talk to any newer server):
  apt-get install -y postgresql-client"
  fi
}
pgbench=$(client pgbench)
psql=$(client psql)

# initdb and postgres refuse to run as root (a server compromise must not own the machine), so as root
# the cluster is made and run by nobody, in a directory nobody owns; as any other user, as that user.
# (zonky, for the embedded run, starts them under `unshare -U` instead: a user namespace in which root is
# nobody. Either way it is the same server doing the same I/O.)
if [ "$(id -u)" = 0 ]; then
  if command -v runuser > /dev/null; then
    as_pg() { runuser -u nobody -- "$@"; }
  else
    as_pg() { su -s /bin/sh nobody -c "$(printf '%q ' "$@")"; }
  fi
else
  as_pg() { "$@"; }
fi

# --- A throwaway cluster -----------------------------------------------------------------------------
# In /tmp like the ingest benchmark's data directory, so both write to the same file system.
work=$(mktemp -d /tmp/pg-baseline.XXXXXX)
data=$work/data
cleanup() {
  if [ -f "$data/postmaster.pid" ]; then
    as_pg "$server_bin/pg_ctl" -D "$data" -m immediate -w stop > /dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
[ "$(id -u)" = 0 ] && chown nobody "$work"
chmod 700 "$work"

began=$SECONDS
echo "postgres-baseline, $(date -u '+%Y-%m-%d %H:%M:%S') UTC, $(nproc) cores"
echo "server:  $("$server_bin/postgres" --version) ($server_bin)"
echo "clients: $("$pgbench" --version), $("$psql" --version)"

# --no-sync: initdb's own final fsync is not part of what is measured; the cluster is thrown away.
as_pg "$server_bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync > "$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; die "initdb failed"; }

# The embedded database's settings (launcher/.../EmbeddedDatabase.java): fsync and synchronous_commit on
# (full_page_writes is on by default), everything else default except max_connections, raised from that
# file's 100 so pgbench's 128 connections fit. Only loopback TCP; the socket lives in the work directory.
port=""
for _ in 1 2 3 4 5; do
  candidate=$((20000 + RANDOM % 40000))
  # A connect that succeeds means someone listens there already.
  if (exec 3<> "/dev/tcp/127.0.0.1/$candidate") 2> /dev/null; then continue; fi
  if as_pg "$server_bin/pg_ctl" -D "$data" -l "$work/server.log" -w -t 60 \
      -o "-c port=$candidate -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work -c max_connections=200 -c fsync=on -c synchronous_commit=on -c full_page_writes=on" \
      start > /dev/null 2>&1; then
    port=$candidate; break
  fi
done
[ -n "$port" ] || { tail -20 "$work/server.log" >&2 || true; die "could not start PostgreSQL"; }

export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=postgres
sql() { "$psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

# --- Tables as the project's first schema (liquibase/.../001-core-tables.sql) --------------------------
# A fixed copy, not the changelog itself: these figures are read against the issue's, measured on that
# first schema, so they must not move when the project's schema does (changeset 005 dropped the foreign
# key below from the real metrics table).
# metrics is plain here, not partitioned by day: the benchmark's rows all fall in one day, i.e. into one
# partition, and routing through the partitioned parent is not what this measures. Its primary key and
# its foreign key to servers are kept, since every insert pays for both.
sql <<'SQL'
create table servers (
    id            bigint generated always as identity primary key,
    server_id     varchar(128) not null,
    registered_at timestamptz  not null,
    last_seen_at  timestamptz,
    agent_version varchar(256),
    constraint servers_server_id_unique unique (server_id)
);
create table metrics (
    server_ref        bigint           not null references servers (id) on delete cascade,
    collected_at      timestamptz      not null,
    received_at       timestamptz      not null,
    cpu_usage         double precision,
    memory_total      bigint,
    memory_used       bigint,
    memory_percentage double precision,
    swap_total        bigint,
    swap_used         bigint,
    swap_percentage   double precision,
    load_1            double precision,
    load_5            double precision,
    load_15           double precision,
    uptime_seconds    bigint,
    disk_usage        jsonb,
    failed_services   jsonb,
    network           jsonb,
    collection_errors jsonb,
    agent_version     varchar(256),
    primary key (server_ref, collected_at)
);
create table health_status (
    server_ref          bigint      primary key references servers (id) on delete cascade,
    status              varchar(16) not null,
    reasons             text,
    status_since        timestamptz not null,
    evaluated_at        timestamptz not null,
    latest_collected_at timestamptz,
    cpu_usage           double precision,
    memory_percentage   double precision,
    load_1              double precision,
    fullest_disk        varchar(1024),
    fullest_disk_percentage double precision,
    failed_services     text,
    constraint health_status_status check (status in ('NEVER_SEEN', 'HEALTHY', 'WARNING', 'DOWN'))
);
SQL
sql -v n="$servers" <<'SQL'
insert into servers (server_id, registered_at, agent_version)
  select 'bench-' || g, now(), '1.0.0' from generate_series(1, :n) g;
insert into health_status (server_ref, status, status_since, evaluated_at)
  select id, 'NEVER_SEEN', now(), now() from servers;
vacuum analyze;
SQL

# --- The workloads -----------------------------------------------------------------------------------
# One report's values as the ingest benchmark's load generator sends them (bench/.../ReportFactory.java):
# 16 GiB of memory, three disks of 100 GiB, 500 GiB and 1000 GiB, load around the CPU level, one network
# interface. Values are pgbench parameters; the JSON columns are built as text and cast, as the server
# sends them. (A space follows each JSON colon that precedes a digit: pgbench would read ":1..." as a
# variable.) collected_at is clock_timestamp(), unique per row in practice; "on conflict do nothing"
# is the project's own insert and also keeps a rare same-microsecond pair from aborting a client.
report_vars='\set s random(1, '$servers')
\set cpu random(0, 1000) / 10.0
\set mem random(3435973837, 15461882266)
\set d1 random(10737418240, 96636764160)
\set d2 random(53687091200, 483183820800)
\set d3 random(107374182400, 966367641600)
\set load random(0, 400) / 100.0
\set rx random(1000000, 900000000000)
\set tx random(1000000, 900000000000)'
insert_sql="insert into metrics (server_ref, collected_at, received_at, cpu_usage,
    memory_total, memory_used, memory_percentage, swap_total, swap_used, swap_percentage,
    load_1, load_5, load_15, uptime_seconds, disk_usage, failed_services, network,
    collection_errors, agent_version)
  values (:s, clock_timestamp(), now(), :cpu,
    17179869184, :mem, round(100.0 * :mem / 17179869184, 1), 2147483648, 0, 0,
    :load, round(:load * 0.9, 2), round(:load * 0.8, 2), 86400,
    cast('[{\"mountpoint\":\"/\",\"total\": 107374182400,\"used\": ' || :d1::text
      || ',\"percentage\": ' || round(100.0 * :d1 / 107374182400, 1)::text
      || '},{\"mountpoint\":\"/var\",\"total\": 536870912000,\"used\": ' || :d2::text
      || ',\"percentage\": ' || round(100.0 * :d2 / 536870912000, 1)::text
      || '},{\"mountpoint\":\"/home\",\"total\": 1073741824000,\"used\": ' || :d3::text
      || ',\"percentage\": ' || round(100.0 * :d3 / 1073741824000, 1)::text || '}]' as jsonb),
    cast('[]' as jsonb),
    cast('[{\"interface\":\"eth0\",\"bytes_recv\": ' || :rx::text || ',\"bytes_sent\": ' || :tx::text || '}]' as jsonb),
    cast('[]' as jsonb), '1.0.0')
  on conflict (server_ref, collected_at) do nothing;"

printf '%s\n%s\n' "$report_vars" "$insert_sql" > "$work/insert.sql"
# One report, one transaction, as the original Python stack stored it: the metrics row, the server's
# health row and its last-seen time.
cat > "$work/report.sql" <<EOF
$report_vars
begin;
$insert_sql
update health_status set status = 'HEALTHY', reasons = null, evaluated_at = now(),
    latest_collected_at = clock_timestamp(), cpu_usage = :cpu, memory_percentage = round(100.0 * :mem / 17179869184, 1),
    load_1 = :load, fullest_disk = '/home', fullest_disk_percentage = round(100.0 * :d3 / 1073741824000, 1),
    failed_services = '[]'
  where server_ref = :s;
update servers set last_seen_at = now(), agent_version = '1.0.0' where id = :s;
commit;
EOF

# Thousands separators without depending on an installed locale.
group() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }
ratio() { awk -v m="$1" -v i="$2" 'BEGIN { printf "%.2f", m / i }'; }
line() { # label, figure, unit, [issue figure]
  if [ -n "${4:-}" ]; then
    printf '%-52s %9s %-13s issue: %6s   ratio %s\n' "$1" "$(group "$2")" "$3" "$(group "$4")" "$(ratio "$2" "$4")"
  else
    printf '%-52s %9s %s\n' "$1" "$(group "$2")" "$3"
  fi
}

# A checkpoint before each run, so that no run starts with another's dirty pages to write.
# pgbench: no vacuum of its own tables (-n), prepared statements as the server's JDBC driver uses,
# 2 threads for 2 cores. Prints the rate of committed transactions, without connection time.
bench() { # script, clients
  sql -c checkpoint
  local out
  out=$("$pgbench" -n -M prepared -c "$2" -j 2 -T "$seconds" -f "$1" 2>&1) || { echo "$out" >&2; die "pgbench failed"; }
  local failed
  failed=$(echo "$out" | awk -F'[ (]+' '/^number of failed transactions/ { print $5 }')
  if [ -n "$failed" ] && [ "$failed" != 0 ]; then echo "note: $failed transactions failed" >&2; fi
  echo "$out" | awk '/^tps = / { printf "%.0f", $3 }'
}

# --- COPY's input, made before anything is measured ----------------------------------------------------
# Rows shaped as above, every server with consecutive 30 s reports, so the keys are unique.
sql -v n="$copy_rows" -v servers="$servers" -v file="$work/copy.tsv" <<'SQL'
\set copy_query 'copy (select g % ' :servers ' + 1, timestamptz ''2026-12-01 00:00:00+00'' + (g / ' :servers ') * interval ''30 seconds'', now(), round((random() * 100)::numeric, 1), 17179869184, m, round(100.0 * m / 17179869184, 1), 2147483648, 0, 0, l, round(l * 0.9, 2), round(l * 0.8, 2), 86400, jsonb_build_array(jsonb_build_object(''mountpoint'', ''/'', ''total'', 107374182400, ''used'', d1, ''percentage'', round(100.0 * d1 / 107374182400, 1)), jsonb_build_object(''mountpoint'', ''/var'', ''total'', 536870912000, ''used'', d2, ''percentage'', round(100.0 * d2 / 536870912000, 1)), jsonb_build_object(''mountpoint'', ''/home'', ''total'', 1073741824000, ''used'', d3, ''percentage'', round(100.0 * d3 / 1073741824000, 1))), ''[]''::jsonb, jsonb_build_array(jsonb_build_object(''interface'', ''eth0'', ''bytes_recv'', rx, ''bytes_sent'', tx)), ''[]''::jsonb, ''1.0.0'' from (select g, (3435973837 + random() * 12025908429)::bigint m, round((random() * 4)::numeric, 2) l, (10737418240 + random() * 85899345920)::bigint d1, (53687091200 + random() * 429496729600)::bigint d2, (107374182400 + random() * 858993459200)::bigint d3, (random() * 9e11)::bigint rx, (random() * 9e11)::bigint tx from generate_series(0, ' :n ' - 1) g) r) to stdout'
\o :file
:copy_query;
\o
SQL
# Written out now, so that the kernel's writeback of these few hundred MB does not compete with the first
# measurement's WAL flushes.
sync "$work/copy.tsv"
[ "$(wc -l < "$work/copy.tsv")" = "$copy_rows" ] || die "the COPY input has $(wc -l < "$work/copy.tsv") rows, not $copy_rows"

echo
echo "Each figure: pgbench -n -M prepared -j 2 for ${seconds} s, or COPY; issue = the performance issue's figure."
inserts8=$(bench "$work/insert.sql" 8)
line "single-row autocommit inserts, 8 connections" "$inserts8" "inserts/s"
inserts=$(bench "$work/insert.sql" 128)
line "single-row autocommit inserts, 128 connections" "$inserts" "inserts/s" "$issue_inserts"
reports8=$(bench "$work/report.sql" 8)
line "per-report transactions, 8 connections" "$reports8" "reports/s"
reports=$(bench "$work/report.sql" 128)
line "per-report transactions, 128 connections" "$reports" "reports/s" "$issue_report_tx"

# COPY into the empty table, through psql's \copy as a client would send it (the file is read by psql,
# not by the server), timed from outside: wall time including the connection, which is milliseconds.
sql -c 'truncate metrics' -c checkpoint
start=$(date +%s.%N)
sql -c "\\copy metrics from '$work/copy.tsv'"
end=$(date +%s.%N)
stored=$(sql -At -c 'select count(*) from metrics')
copy_rate=$(awk -v n="$stored" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
line "COPY of $(group "$stored") rows into the empty metrics table" "$copy_rate" "rows/s" "$issue_copy"
echo "(took $((SECONDS - began)) s)"
