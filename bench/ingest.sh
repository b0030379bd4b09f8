#!/usr/bin/env bash
# The ingest benchmark in one command: a fresh embedded run (no agent) in a temporary data directory,
# the load generator against it, then everything stopped. Arguments go to the load generator, e.g.
#   bench/ingest.sh --concurrency 128 --duration 30 --agents 6000
# Server settings can be given as HEALTHMON_* environment variables, as for ./healthmon.
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
# The launcher writes the generated tokens before it starts the server; the load generator waits for readiness.
for _ in $(seq 1 60); do [ -f "$data/credentials.properties" ] && break; sleep 1; done
java -jar bench/target/healthmon-bench.jar --url "http://127.0.0.1:$port" --data-dir "$data" "$@"
