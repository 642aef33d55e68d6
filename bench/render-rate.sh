#!/usr/bin/env bash
# Benchmark (not a test): renders a second of typical templates and conditions on one thread (one core: the
# JVM is given one CPU). Goal from #12: {{ a.b | default('x') }} at least 10 000 times a second.
#   bench/render-rate.sh [seconds per case]     (needs target/engine.jar)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_CASE=${1:-3}
java -XX:ActiveProcessorCount=1 -cp "$ROOT/target/engine.jar" "$ROOT/bench/RenderRate.java" "$SECONDS_PER_CASE" | tee /dev/stderr \
  | awk 'NR==1 { gsub(",", "", $1); rate=$1 } END { printf "goal:     10,000 /s  first line %s\n", (rate >= 10000 ? "met" : "NOT met") }'
