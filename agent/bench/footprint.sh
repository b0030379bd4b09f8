#!/usr/bin/env bash
# The agent's footprint: resident memory and CPU per collection, with the JVM flags of the systemd unit
# and a class-data archive as the installer builds it, collecting every second for a measured minute
# against a stand-in server that acknowledges everything. Prints figures; asserts nothing.
#   agent/bench/footprint.sh [SECONDS] [WARMUP_SECONDS]
# The warm-up (default 90 s) lets the JIT finish with the collection code: during the first minute
# or so compiling it costs several ms per collection more than the agent costs for the months after.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
warmup=${2:-90}
jar=$PWD/target/healthmon-agent.jar   # absolute: the archive records the class path it was made with
[ -f "$jar" ] || (cd .. && ./mvnw -B -q -pl agent -am package -DskipTests)

work=$(mktemp -d)
stub="" agent=""
cleanup() { kill $agent $stub 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=$(( 20000 + RANDOM % 20000 ))
java bench/FootprintStub.java "$port" & stub=$!
cat > "$work/agent.yaml" <<YAML
agent:
  server_url: "http://127.0.0.1:$port"
  server_id: "footprint"
  api_key: "benchmark-key"
  collection_interval: 1
  retry_attempts: 0
  spool:
    directory: "$work/spool"
YAML

# The unit's JVM flags, so this measures what operators run.
flags=$(sed -n '/^ExecStart=/,/-jar/p' dist/healthmon-agent.service | tr -d '\\' | tr '\n' ' ' \
  | sed -e 's/^ExecStart=[^ ]*java//' -e 's/-jar.*//' -e "s#-XX:SharedArchiveFile=[^ ]*#-XX:SharedArchiveFile=$work/agent.jsa#")
# The class-data archive as agent/install.sh builds it: the classes one --print run loads, dumped statically.
java -Xshare:off -XX:DumpLoadedClassList="$work/agent.classlist" -jar "$jar" --print --config "$work/agent.yaml" >/dev/null 2>&1 || true
java -Xshare:dump -XX:SharedClassListFile="$work/agent.classlist" -XX:SharedArchiveFile="$work/agent.jsa" \
  -cp "$jar" >/dev/null 2>&1 || echo "could not build the class-data archive; measuring without it" >&2
sleep 2
# The unit's Environment= lines too (KEY=value, no spaces), and FOOTPRINT_EXTRA_FLAGS to try a flag first.
unit_env=$(sed -n 's/^Environment=//p' dist/healthmon-agent.service | tr '\n' ' ')
flags="$flags ${FOOTPRINT_EXTRA_FLAGS:-}"
# shellcheck disable=SC2086
env $unit_env java $flags -jar "$jar" --config "$work/agent.yaml" > "$work/agent.log" 2>&1 & agent=$!

sleep "$warmup"   # class loading, the first collections and their compilation are not the steady state
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15 + $16 + $17}' "/proc/$agent/stat"; }  # its own and its waited-for children's (systemctl)
sent() { grep -c "report(s) sent" "$work/agent.log" || true; }
cpu0=$(cpu); n0=$(sent)
rss_sum=0 rss_max=0 samples=0
for _ in $(seq 1 "$seconds"); do
  sleep 1
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$agent/status")
  rss_sum=$((rss_sum + rss)); samples=$((samples + 1))
  [ "$rss" -gt "$rss_max" ] && rss_max=$rss
done
cpu1=$(cpu); n1=$(sent)
collections=$((n1 - n0))
# At the end: how much of the resident memory is the process's own, and how much maps files
# (libjvm, class-data archives) that the page cache shares with every other JVM on the host.
anon=$(awk '/^RssAnon:/ {print $2}' "/proc/$agent/status")
file=$(awk '/^RssFile:/ {print $2}' "/proc/$agent/status")
pss=$(awk '/^Pss:/ {print $2}' "/proc/$agent/smaps_rollup")
archive="not in use (the JVM could not map it)"
grep -q "$work/agent.jsa" "/proc/$agent/maps" && archive="in use"

echo "== healthmon agent footprint =="
echo "jvm flags            $flags"
echo "environment          ${unit_env:-(none from the unit)}"
echo "class-data archive   $archive"
echo "measured             ${seconds} s at a 1 s interval, after ${warmup} s warm-up"
echo "collections          $collections"
awk -v a="$rss_sum" -v n="$samples" -v m="$rss_max" 'BEGIN {printf "resident memory      %.1f MB average, %.1f MB max\n", a / n / 1024, m / 1024}'
awk -v a="$anon" -v f="$file" -v p="$pss" 'BEGIN {printf "  at the end          %.1f MB anonymous, %.1f MB file-backed; proportional share (PSS) %.1f MB\n", a / 1024, f / 1024, p / 1024}'
awk -v c="$((cpu1 - cpu0))" -v t="$ticks" -v n="$collections" 'BEGIN {printf "cpu per collection   %.1f ms (user + system, the systemctl it runs included)\n", c * 1000 / t / n}'
