#!/usr/bin/env bash
# The ingest benchmark through HAProxy in front of two instances (./healthmon --instances 2), beside
# the same benchmark against one instance with no HAProxy (./healthmon as bench/ingest.sh runs it), on
# this machine, each on a fresh embedded run. Arguments go to the load generator, as for ingest.sh:
#   bench/cluster-ingest.sh --concurrency 128 --duration 30 --warmup 120
# Prints for each run reports/s, p99, lost, and the CPU each part spent per report over the measured
# part: the Payara Micro instances, PostgreSQL, HAProxy and the load generator, read from
# /proc/PID/stat of exactly this run's processes at both ends of the measured part.
# BENCH_ORDER="single cluster cluster single" runs A-B-B-A, so that a drift of the machine's speed
# falls on both alike (default: "single cluster"). BENCH_PORT (18480; the cluster's second instance
# takes the next port), BENCH_LB_PORT (18490) and BENCH_GRID_PORT (18500, and the next) choose the
# ports, all below 32768.
# Needs the jars built: ./mvnw -B -q -DskipTests package (package, not install, in a worktree).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
for jar in launcher/target/healthmon-launcher.jar bench/target/healthmon-bench.jar; do
  [ -f "$jar" ] || { echo "$jar is missing: build first (./mvnw -B -q -DskipTests package)" >&2; exit 2; }
done
haproxy=/usr/sbin/haproxy
[ -x "$haproxy" ] || haproxy=$(command -v haproxy) || { echo "haproxy is not installed (Debian: apt-get install haproxy)" >&2; exit 2; }
port=${BENCH_PORT:-18480}
lb_port=${BENCH_LB_PORT:-18490}
grid_port=${BENCH_GRID_PORT:-18500}
order=${BENCH_ORDER:-single cluster}
out=$(mktemp -d /tmp/healthmon-cluster-ingest.XXXXXX)

# The lock keeps this and the other benchmarks (abba.sh, postgres-baseline.sh) from sharing the machine.
exec 9>/tmp/healthmon-bench.lock
flock 9

data=
launcher=
balancer=
stop_run() {
  [ -n "$balancer" ] && { kill -TERM "$balancer" 2>/dev/null || true; wait "$balancer" 2>/dev/null || true; }
  [ -n "$launcher" ] && { kill -TERM "$launcher" 2>/dev/null || true; wait "$launcher" 2>/dev/null || true; }
  [ -n "$data" ] && rm -rf "$data"
  data= launcher= balancer=
}
trap stop_run EXIT

# CPU ticks (user and system, with those of waited-for children, so a PostgreSQL backend that exited
# still counts in its postmaster) of the pids given, summed; 0 for none. Fields 14-17 of stat(5),
# counted after the command name, which may hold spaces.
ticks() {
  [ $# -gt 0 ] || { echo 0; return; }
  local files=()
  for pid in "$@"; do files+=("/proc/$pid/stat"); done
  cat "${files[@]}" 2>/dev/null | awk '{ sub(/^.*\) /, ""); t += $12 + $13 + $14 + $15 } END { print t + 0 }'
}

# This run's Payara Micro instances: their command lines name payara-micro and this run's data directory.
payara_pids() {
  comm -12 <(pgrep -f -- payara-micro | sort) <(pgrep -f -- "$data" | sort)
}

# This run's PostgreSQL: the postmaster of its data directory and its backends at this moment.
postgres_pids() {
  local postmaster
  postmaster=$(head -1 "$data/pgdata/postmaster.pid")
  echo "$postmaster"
  pgrep -P "$postmaster" || true
}

# One line of ticks per part: each Payara instance (pid:ticks), PostgreSQL, HAProxy, load generator.
snapshot() {
  local generator=$1 line=""
  for pid in $(payara_pids); do line+="$pid:$(ticks "$pid") "; done
  echo "payara $line"
  echo "postgres $(ticks $(postgres_pids))"
  echo "haproxy $(if [ -n "$balancer" ]; then ticks "$balancer"; else echo 0; fi)"
  echo "generator $(ticks "$generator")"
}

await_ready() {
  local url=$1
  for _ in $(seq 1 300); do
    kill -0 "$launcher" 2>/dev/null || { echo "the launcher exited; its output:" >&2; cat "$data/launcher.out" >&2; return 1; }
    curl -sf -o /dev/null "$url/health/ready" && return 0
    sleep 1
  done
  echo "$url not ready within 5 minutes" >&2
  return 1
}

# run NAME INSTANCES LOAD-GENERATOR-ARGUMENTS...: one fresh embedded run, measured.
run() {
  local name=$1 instances=$2; shift 2
  data=$(mktemp -d)
  local extra=()
  [ "$instances" -gt 1 ] && extra=(--instances "$instances" --grid-port "$grid_port")
  java -jar launcher/target/healthmon-launcher.jar --data-dir "$data" --port "$port" --no-agent "${extra[@]}" \
    > "$data/launcher.out" 2>&1 &
  launcher=$!
  for i in $(seq 0 $((instances - 1))); do await_ready "http://127.0.0.1:$((port + i))"; done
  local url="http://127.0.0.1:$port"
  if [ "$instances" -gt 1 ]; then
    local backends=()
    for i in $(seq 0 $((instances - 1))); do backends+=("127.0.0.1:$((port + i))"); done
    # The configuration ClusterIT runs and docs/cluster.md quotes, from its one source.
    java "$root/test-support/src/main/java/io/healthmon/testsupport/cluster/HaproxyConfig.java" \
      "127.0.0.1:$lb_port" "$data/haproxy.sock" "${backends[@]}" > "$data/haproxy.cfg"
    "$haproxy" -db -f "$data/haproxy.cfg" > "$data/haproxy.out" 2>&1 &
    balancer=$!
    url="http://127.0.0.1:$lb_port"
    await_ready "$url"
  fi

  local result="$out/$name.txt"
  java -jar bench/target/healthmon-bench.jar --url "$url" --data-dir "$data" "$@" > "$result" 2>&1 &
  local generator=$!
  # The generator says "posting with N connections: W s warm-up, D s measured" as it starts the clock;
  # polled every 0.1 s, the snapshots below fall within that of the measured part's ends.
  while ! grep -qs '^posting with' "$result"; do
    kill -0 "$generator" 2>/dev/null || { cat "$result" >&2; return 1; }
    sleep 0.1
  done
  local warmup duration
  warmup=$(sed -n 's/^posting with .*: \([0-9]*\) s warm-up, \([0-9]*\) s measured$/\1/p' "$result")
  duration=$(sed -n 's/^posting with .*: \([0-9]*\) s warm-up, \([0-9]*\) s measured$/\2/p' "$result")
  sleep "$warmup"
  snapshot "$generator" > "$out/$name.cpu-from"
  sleep "$duration"
  snapshot "$generator" > "$out/$name.cpu-to"
  wait "$generator" || true
  [ -n "$balancer" ] && cp "$data/haproxy.out" "$out/$name.haproxy.txt"
  cp "$data/launcher.out" "$out/$name.launcher.txt"
  echo "$duration" > "$out/$name.duration"
  stop_run
}

# One row of the table: the generator's figures and, per part, ms of CPU per measured report.
summarize() {
  local name=$1 label=$2
  awk -v label="$label" -v duration="$(cat "$out/$name.duration")" '
    FILENAME ~ /cpu-from$/ { if ($1 == "payara") for (i = 2; i <= NF; i++) { split($i, p, ":"); from["payara " p[1]] = p[2] } else from[$1] = $2; next }
    FILENAME ~ /cpu-to$/ { if ($1 == "payara") for (i = 2; i <= NF; i++) { split($i, p, ":"); to["payara " p[1]] = p[2] } else to[$1] = $2; next }
    /^measured requests/ { requests = $3 }
    /^reports\/s/ { rps = $2 }
    /^latency p99/ { p99 = $3 }
    /^lost/ { lost = $2 }
    END {
      # ticks are 1/100 s: ms per report = ticks * 10 / requests
      payara = 0; instances = ""
      for (k in to) if (k ~ /^payara /) { d = to[k] - from[k]; payara += d; instances = instances sprintf(" pid %s: %.2f", substr(k, 8), d / 100 / duration) }
      per = (requests > 0) ? 10 / requests : 0
      printf "%-26s %9s %8s %5s %10.3f %10.3f %10.3f %10.3f   %s\n", label, rps, p99, lost,
        payara * per, (to["postgres"] - from["postgres"]) * per, (to["haproxy"] - from["haproxy"]) * per,
        (to["generator"] - from["generator"]) * per, instances
    }' "$out/$name.cpu-from" "$out/$name.cpu-to" "$out/$name.txt"
}

n=0
names=()
for part in $order; do
  n=$((n + 1))
  case $part in
    single) echo "run $n: one instance, no HAProxy"; run "$n-single" 1 "$@" ;;
    cluster) echo "run $n: two instances behind HAProxy"; run "$n-cluster" 2 "$@" ;;
    *) echo "BENCH_ORDER: unknown part '$part' (single or cluster)" >&2; exit 2 ;;
  esac
  names+=("$n-$part")
done

echo
echo "CPU in ms per measured report, over the measured part; Payara cores: each instance's busy cores"
printf '%-26s %9s %8s %5s %10s %10s %10s %10s   %s\n' run reports/s 'p99 ms' lost Payara PostgreSQL HAProxy generator 'Payara cores'
for name in "${names[@]}"; do
  case $name in
    *-single) summarize "$name" "$name (1 instance)" ;;
    *-cluster) summarize "$name" "$name (2 + HAProxy)" ;;
  esac
done
echo "(each run's whole output, with the machine-speed gauge: $out)"
