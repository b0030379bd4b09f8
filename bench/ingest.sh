#!/usr/bin/env bash
# The ingest benchmark in one command: a fresh embedded run (no agent) in a temporary data directory,
# the load generator against it, then everything stopped. Arguments go to the load generator, e.g.
#   bench/ingest.sh --concurrency 128 --duration 30 --agents 6000
# Server settings can be given as HEALTHMON_* environment variables, as for ./healthmon.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/embedded-run.sh
java -jar bench/target/healthmon-bench.jar --url "http://127.0.0.1:$port" --data-dir "$data" "$@"
