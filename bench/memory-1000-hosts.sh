#!/usr/bin/env bash
# Benchmark (not a test): live heap over a templating-heavy playbook on 100 and 1000 local hosts (bench/MemoryGrowth.java):
# at the start of each round of every run, and after each of four runs (100, 1000, 100, 1000 hosts) in one JVM.
# Goal (#12): no memory growth over a 1000-host run — flat from round to round, back to the same level after each run.
#   bench/memory-1000-hosts.sh [forks, default 50]     (needs target/engine.jar)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/common.sh"
[ -f "$ROOT/target/engine.jar" ] || { echo "target/engine.jar missing: mvn -q -o -B -DskipTests package" >&2; exit 2; }
OUT=$ROOT/bench/out/memory
rm -rf "$OUT"; mkdir -p "$OUT"
cd "$OUT"
java -Xmx1g -XX:+UseSerialGC -cp "$ROOT/target/engine.jar" "$ROOT/bench/MemoryGrowth.java" "$OUT" "${1:-50}" | tee "$OUT/figures.txt"
table_row memory-1000-hosts "10 rounds of 7 templating tasks (set_fact, nested inventory templates, filters, loops, \`{% for %}\`, hostvars, register, conditions) over 100 and 1000 local hosts, 4 runs in one JVM, live heap after a full GC" \
  "no growth: flat round to round, the same after every run" "$(sed -n 's/^ROW //p' "$OUT/figures.txt")"
