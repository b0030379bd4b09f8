#!/usr/bin/env bash
# The fleet scrape benchmark in one command: a fresh embedded run (no agent) in a temporary data
# directory, a fleet written straight into its database, then GET /api/v1/prometheus timed. E.g.
#   bench/fleet-scrape.sh --servers 10000 --scrapes 20
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f launcher/target/healthmon-launcher.jar ] || [ ! -f bench/target/healthmon-bench.jar ]; then
  ./mvnw -B -q -DskipTests install
fi
data=$(mktemp -d)
port=${BENCH_PORT:-18480}
java -jar launcher/target/healthmon-launcher.jar --data-dir "$data" --port "$port" --no-agent > "$data/launcher.out" 2>&1 &
launcher=$!
cleanup() {
  kill -TERM "$launcher" 2>/dev/null || true
  wait "$launcher" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 1 60); do [ -f "$data/credentials.properties" ] && break; sleep 1; done
java -cp bench/target/healthmon-bench.jar io.healthmon.bench.FleetScrapeBenchmark --url "http://127.0.0.1:$port" --data-dir "$data" "$@"
