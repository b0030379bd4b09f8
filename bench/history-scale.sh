#!/usr/bin/env bash
# The history at fleet scale benchmark in one command: a fresh embedded run (no agent) in a temporary
# data directory, a fleet's history written straight into its database (reports for the last hours,
# rolled up by the server's own SQL, hourly rollups before them), then the fleet page's call and a
# 30-day chart timed. E.g.
#   bench/history-scale.sh --servers 10000 --days 30 --raw-hours 24 --calls 200
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/embedded-run.sh
java -cp bench/target/healthmon-bench.jar io.healthmon.bench.HistoryScaleBenchmark --url "http://127.0.0.1:$port" --data-dir "$data" "$@"
