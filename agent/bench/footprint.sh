#!/usr/bin/env bash
# The agent's footprint beside Prometheus node_exporter's: resident memory, and CPU per collection
# against node_exporter's CPU per scrape, both over the same measured window. The agent runs with the
# JVM flags and Environment= lines of the systemd unit and a class-data archive built as the installer
# builds it, collecting every second against a stand-in server that acknowledges everything;
# node_exporter (Debian's prometheus-node-exporter, when installed) runs with its default collectors
# and is scraped every second. Prints figures and whether the bounds hold; asserts nothing.
#   agent/bench/footprint.sh [SECONDS] [WARMUP_SECONDS]
# The warm-up (default 90 s) lets the JIT finish with the collection code: during the first minute
# or so compiling it costs several ms per collection more than the agent costs for the months after.
# Environment: FOOTPRINT_EXTRA_FLAGS adds JVM flags to try; FOOTPRINT_RSS_LOG=FILE appends the
# agent's resident memory once a minute, with the highest of that minute's per-second samples (for
# runs of hours); FOOTPRINT_NODE_EXPORTER=no leaves node_exporter out.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
warmup=${2:-90}
jar=$PWD/target/healthmon-agent.jar   # absolute: the archive records the class path it was made with
[ -f "$jar" ] || (cd .. && ./mvnw -B -q -pl agent -am package -DskipTests)

work=$(mktemp -d)
stub="" agent="" exporter=""
cleanup() { kill $agent $stub $exporter 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=$(( 20000 + RANDOM % 10000 ))
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

exporter_port=$(( 10000 + RANDOM % 10000 ))
if [ "${FOOTPRINT_NODE_EXPORTER:-yes}" != no ] && command -v prometheus-node-exporter >/dev/null; then
  prometheus-node-exporter --web.listen-address="127.0.0.1:$exporter_port" > "$work/exporter.log" 2>&1 & exporter=$!
fi

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }  # its own and its waited-for children's (systemctl)
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
sent() { grep -c "report(s) sent" "$work/agent.log" || true; }
scrape() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$exporter_port/metrics" || true; }

started=$(date +%s)
for _ in $(seq 1 "$warmup"); do   # class loading, the first collections and their compilation are not the steady state
  sleep 1
  [ -n "$exporter" ] && scrape >/dev/null
done
log_rss() { [ -n "${FOOTPRINT_RSS_LOG:-}" ] && echo "$(date -u +%FT%TZ) minute $(( ($(date +%s) - started) / 60 )) rss_kb $(rss $agent) minute_max_kb $minute_max load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$FOOTPRINT_RSS_LOG"; return 0; }
cpu0=$(cpu $agent); n0=$(sent)
[ -n "$exporter" ] && ecpu0=$(cpu $exporter)
rss_sum=0 rss_max=0 samples=0 erss_sum=0 erss_max=0 scrapes=0 minute_max=0
for i in $(seq 1 "$seconds"); do
  sleep 1
  if [ -n "$exporter" ] && [ "$(scrape)" = 200 ]; then
    scrapes=$((scrapes + 1))
    r=$(rss $exporter); erss_sum=$((erss_sum + r)); [ "$r" -gt "$erss_max" ] && erss_max=$r
  fi
  r=$(rss $agent); rss_sum=$((rss_sum + r)); samples=$((samples + 1))
  [ "$r" -gt "$rss_max" ] && rss_max=$r
  [ "$r" -gt "$minute_max" ] && minute_max=$r
  [ $((i % 60)) -eq 0 ] && log_rss && minute_max=0
done
cpu1=$(cpu $agent); n1=$(sent)
[ -n "$exporter" ] && ecpu1=$(cpu $exporter)
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
echo "measured             ${seconds} s at a 1 s interval, after ${warmup} s warm-up; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "collections          $collections"
awk -v a="$rss_sum" -v n="$samples" -v m="$rss_max" 'BEGIN {printf "resident memory      %.1f MB average, %.1f MB max (bound 48 MB, stretch 40 MB)\n", a / n / 1024, m / 1024}'
awk -v a="$anon" -v f="$file" -v p="$pss" 'BEGIN {printf "  at the end          %.1f MB anonymous, %.1f MB file-backed; proportional share (PSS) %.1f MB\n", a / 1024, f / 1024, p / 1024}'
awk -v c="$((cpu1 - cpu0))" -v t="$ticks" -v n="$collections" 'BEGIN {printf "cpu per collection   %.1f ms (user + system, the systemctl it runs included)\n", c * 1000 / t / n}'
if [ -n "$exporter" ] && [ "$scrapes" -gt 0 ]; then
  echo "== node_exporter $(prometheus-node-exporter --version 2>&1 | head -1 | cut -d' ' -f3), default collectors, scraped every second in the same window =="
  echo "scrapes              $scrapes"
  awk -v a="$erss_sum" -v n="$scrapes" -v m="$erss_max" 'BEGIN {printf "resident memory      %.1f MB average, %.1f MB max\n", a / n / 1024, m / 1024}'
  awk -v c="$((ecpu1 - ecpu0))" -v t="$ticks" -v n="$scrapes" 'BEGIN {printf "cpu per scrape       %.1f ms\n", c * 1000 / t / n}'
  echo "== agent / node_exporter =="
  awk -v a="$rss_sum" -v n="$samples" -v ea="$erss_sum" -v en="$scrapes" 'BEGIN {printf "resident memory      %.2f\n", (a / n) / (ea / en)}'
  awk -v c="$((cpu1 - cpu0))" -v n="$collections" -v ec="$((ecpu1 - ecpu0))" -v en="$scrapes" \
    'BEGIN {r = (c / n) / (ec / en); printf "cpu per collection   %.2f of a scrape: %s\n", r, r <= 1 ? "within the bound" : "OVER the bound"}'
else
  echo "node_exporter        not measured (install Debian's prometheus-node-exporter)"
fi
awk -v a="$rss_sum" -v n="$samples" 'BEGIN {m = a / n / 1024; printf "memory bound         %s\n", m <= 48 ? (m <= 40 ? "met, and the 40 MB stretch" : "met (48 MB)") : "NOT met (48 MB)"}'
