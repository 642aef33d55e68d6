#!/usr/bin/env bash
# Lab start-up benchmark (not a test): 4 clusters over HTTP and HTTPS, then 50 clusters.
# Prints start-up time, RSS and thread count of a fresh JVM per run. Usage: bench/lab-startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o -B -pl lab test-compile
cp_file=$(mktemp)
mvn -q -o -B -pl lab dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
cp="lab/target/test-classes:lab/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
for run in "4" "4 tls" "50"; do
  # shellcheck disable=SC2086
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" io.runbook.lab.bench.LabStartupBenchmark $run
done
