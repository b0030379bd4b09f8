# Sourced by the benchmark scripts: builds what is missing, then starts a fresh embedded run (no agent)
# in a temporary data directory ($data) on $port, stopped and removed when the script exits.
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
# The launcher writes the generated tokens before it starts the server; the benchmarks wait for readiness.
for _ in $(seq 1 60); do [ -f "$data/credentials.properties" ] && break; sleep 1; done
