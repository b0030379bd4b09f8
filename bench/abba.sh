#!/usr/bin/env bash
# Compares two builds of healthmon with the ingest benchmark, run A, B, B, A one after another, so a
# drift in the machine's speed (large on shared machines; docs/decisions/0014) falls on both builds
# alike. Each directory is a checkout whose jars are built, e.g. a worktree:
#   git worktree add --detach /tmp/healthmon-a <commit> && (cd /tmp/healthmon-a && ./mvnw -B -q -DskipTests package)
#   bench/abba.sh /tmp/healthmon-a . [arguments for the load generator]
# (in a worktree use package, not install, so the local repository keeps main's artifacts).
# Prints each run's figures and, per run, PostgreSQL's share of the CPU Payara and PostgreSQL spent per
# report: a change to one side shows there even when the machine's speed hides it in reports/s; and
# the load generator's gauge of the machine's speed before and after each run (M ints sorted/s).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 DIR_A DIR_B [load generator arguments]" >&2; exit 2; }
a=$(cd "$1" && pwd); b=$(cd "$2" && pwd); shift 2
out=$(mktemp -d /tmp/healthmon-abba.XXXXXX)
for dir in "$a" "$b"; do
  for jar in launcher/target/healthmon-launcher.jar bench/target/healthmon-bench.jar; do
    [ -f "$dir/$jar" ] || { echo "$dir/$jar is missing: build that checkout first" >&2; exit 2; }
  done
done
run=0
for side in A B B A; do
  run=$((run + 1))
  dir=$a; [ "$side" = B ] && dir=$b
  echo "run $run: $side ($dir, $(git -C "$dir" log --oneline -1 2>/dev/null | cut -c1-60))"
  # The lock keeps two benchmarks (or a benchmark and postgres-baseline.sh) from sharing the machine.
  flock /tmp/healthmon-bench.lock "$dir/bench/ingest.sh" --concurrency 128 --duration 30 "$@" > "$out/$run-$side.txt" 2>&1
done
echo
printf '%-4s %-5s %10s %9s %9s %11s %11s %9s %13s\n' run build reports/s p99 lost 'Payara ms' 'PG ms' 'PG share' 'machine speed'
for f in "$out"/*.txt; do
  name=$(basename "$f" .txt)
  awk -v run="${name%-*}" -v side="${name#*-}" '
    /^reports\/s/ {rps = $2}
    /^latency p99/ {p99 = $3 " ms"}
    /^lost/ {lost = $2}
    /^cpu Payara Micro/ {for (i = 1; i <= NF; i++) if ($(i + 1) == "ms") payara = $i}
    /^cpu PostgreSQL/ {for (i = 1; i <= NF; i++) if ($(i + 1) == "ms") pg = $i}
    /^machine speed/ {speed = $3 " / " $10}
    END {
      share = (payara + pg > 0) ? sprintf("%.1f %%", 100 * pg / (payara + pg)) : "-"
      printf "%-4s %-5s %10s %9s %9s %11s %11s %9s %13s\n", run, side, rps, p99, lost, payara, pg, share, speed
    }' "$f"
done
echo "(each run's whole output: $out)"
