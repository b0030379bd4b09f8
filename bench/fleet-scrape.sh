#!/usr/bin/env bash
# The fleet scrape benchmark in one command: a fresh embedded run (no agent) in a temporary data
# directory, a fleet written straight into its database, then GET /api/v1/prometheus timed. E.g.
#   bench/fleet-scrape.sh --servers 10000 --scrapes 20
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/embedded-run.sh
java -cp bench/target/healthmon-bench.jar io.healthmon.bench.FleetScrapeBenchmark --url "http://127.0.0.1:$port" --data-dir "$data" "$@"
