#!/usr/bin/env bash
# Benchmark (not a test): start-up cost, engine vs Ansible, in the same run: `--syntax-check` of a small playbook
# and `--version`, each the way users start the engine (bin/runbook: class-data sharing archive, bounded heap), and
# `ansible-playbook --syntax-check` of the same playbook. Prints medians of wall time and CPU time (user + system;
# steadier than wall time on a loaded machine) and the engine/Ansible ratios.
# Goal (issue 16): engine --syntax-check and --version each <= 0.5x Ansible's --syntax-check.
#   bench/syntax-check.sh [runs, default 7]     (ENGINE=... to measure another launcher, e.g. "java -jar target/engine.jar")
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/common.sh"
RUNS=${1:-7}
read -r -a ENGINE <<< "${ENGINE:-$ROOT/bin/runbook}"
PB=$ROOT/src/test/resources/parity/basics.yml
INV=$ROOT/src/test/resources/parity/inventory.yml
[ -f "$ROOT/target/engine.jar" ] || { echo "target/engine.jar missing: mvn -q -o -B -DskipTests package" >&2; exit 2; }
"${ENGINE[@]}" --syntax-check "$PB" -i "$INV" >/dev/null || { echo "engine --syntax-check failed" >&2; exit 1; }
[ -f "$ROOT/target/engine.jsa" ] && cds="class-data sharing archive target/engine.jsa" || cds="NO class-data sharing archive (mvn package builds it)"
echo "engine: ${ENGINE[*]} ($cds); load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores: noisy"
read -r syn_wall syn_cpu < <(median_wall_and_cpu "$RUNS" "${ENGINE[@]}" --syntax-check "$PB" -i "$INV")
read -r ver_wall ver_cpu < <(median_wall_and_cpu "$RUNS" "${ENGINE[@]}" --version)
printf 'engine --syntax-check: %5.2f s wall, %5.2f s CPU (median of %s)\n' "$syn_wall" "$syn_cpu" "$RUNS"
printf 'engine --version:      %5.2f s wall, %5.2f s CPU\n' "$ver_wall" "$ver_cpu"
if command -v ansible-playbook >/dev/null; then
  read -r ans_wall ans_cpu < <(median_wall_and_cpu "$RUNS" ansible-playbook --syntax-check -i "$INV" "$PB")
  printf 'ansible --syntax-check: %5.2f s wall, %5.2f s CPU\n' "$ans_wall" "$ans_cpu"
  printf 'ratio engine/ansible: --syntax-check %.2fx wall, %.2fx CPU; --version %.2fx wall, %.2fx CPU (goal <= 0.5x)\n' \
    "$(echo "$syn_wall / $ans_wall" | bc -l)" "$(echo "$syn_cpu / $ans_cpu" | bc -l)" \
    "$(echo "$ver_wall / $ans_wall" | bc -l)" "$(echo "$ver_cpu / $ans_cpu" | bc -l)"
  table_row syntax-check "start-up, the way users start it (\`bin/runbook\`): \`--syntax-check\` of a small playbook and \`--version\`, vs \`ansible-playbook --syntax-check\`" \
    "each ≤ 0.5× Ansible" \
    "$(printf 'syntax-check %.2f s wall / %.2f s CPU, version %.2f / %.2f vs Ansible %.2f / %.2f: **%.2f× / %.2f×** and **%.2f× / %.2f×** (wall / CPU, median of %s, load average %s on %s cores)' \
      "$syn_wall" "$syn_cpu" "$ver_wall" "$ver_cpu" "$ans_wall" "$ans_cpu" "$(echo "$syn_wall / $ans_wall" | bc -l)" "$(echo "$syn_cpu / $ans_cpu" | bc -l)" \
      "$(echo "$ver_wall / $ans_wall" | bc -l)" "$(echo "$ver_cpu / $ans_cpu" | bc -l)" "$RUNS" "$(cut -d' ' -f1 /proc/loadavg)" "$(nproc)")"
else
  echo "ansible-playbook not installed: apt-get install ansible-core to compare"
fi
