#!/usr/bin/env bash
# Benchmark (not a test): a playbook of 20 debug tasks over 50 local hosts, engine vs ansible-playbook -f 50.
# Goal (#12): the engine at least 10x faster. Prints wall and CPU medians and both ratios (CPU time is the
# fairer one on a loaded machine).
#   bench/debug-50-hosts.sh [runs]     (needs target/engine.jar; ansible-playbook optional)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/common.sh"
RUNS=${1:-5}
OUT=$ROOT/bench/out/debug-50-hosts
mkdir -p "$OUT"
{
  echo "all:"
  echo "  vars: {ansible_connection: local, ansible_python_interpreter: /usr/bin/python3}"
  echo "  hosts:"
  for i in $(seq 1 50); do echo "    host-$i:"; done
} > "$OUT/inventory.yml"
{
  echo "- hosts: all"
  echo "  gather_facts: false"
  echo "  tasks:"
  for i in $(seq 1 20); do
    echo "    - name: task $i"
    echo "      debug:"
    echo "        msg: \"task $i on {{ inventory_hostname }}\""
  done
} > "$OUT/site.yml"
read -r engine engine_cpu < <(median_wall_and_cpu "$RUNS" java -jar "$ROOT/target/engine.jar" "$OUT/site.yml" -i "$OUT/inventory.yml" -f 50)
echo "engine:  ${engine} s wall, ${engine_cpu} s CPU (medians of $RUNS, cold JVM each run)"
if command -v ansible-playbook >/dev/null; then
  read -r ansible ansible_cpu < <(median_wall_and_cpu "$RUNS" ansible-playbook -f 50 -i "$OUT/inventory.yml" "$OUT/site.yml")
  echo "ansible: ${ansible} s wall, ${ansible_cpu} s CPU (medians of $RUNS, -f 50)"
  echo "ratio:   $(echo "scale=1; $ansible / $engine" | bc)x faster in wall time, $(echo "scale=1; $ansible_cpu / $engine_cpu" | bc)x less CPU (goal: 10x)"
else
  echo "ansible-playbook not installed: apt-get install ansible-core to compare"
fi
