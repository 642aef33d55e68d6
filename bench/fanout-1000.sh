#!/usr/bin/env bash
# Benchmark (not a test): token rotation over 20, 200 and 1000 lab clusters from one engine process (issue 16).
# One lab JVM serves all clusters. Each timed run is one cold engine process started the way users start it
# (bin/runbook, no JVM flags) running the same playbook: create the four token Secrets, then delete them (with
# -f 200). Prints per size: wall time, peak resident memory and peak threads of the engine, then the cost of one more
# connected cluster (memory and threads between sizes), the 1000/20 wall-time ratio, and checks the output: no
# failed or unreachable host, every host's result once per task, the recap in inventory order. Unless ANSIBLE=0,
# ansible-playbook (kubernetes.core) runs the 20-cluster size too, for the ratio to Ansible in the same run.
# The rotation is the issue's: 4 creates, then 4 deletes with wait_regenerated: the lab plays each control plane's
# operator (lab up --reissue-secrets) and writes each deleted token Secret again REISSUE_MS (default 1000) ms later.
#   bench/fanout-1000.sh [max clusters, default 1000] [forks, default 200]
# Each run writes --events, from which bench/task-split.py prints where its wall time went (start-up, each task's
# span with when its hosts finished and the seconds a host held a fork, the tokens' re-issue times, the end).
# Goals: 1000-cluster wall time <= 2x the 20-cluster run's; <= 512 MB resident; no idle thread per cluster.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/common.sh"
MAX=${1:-1000}
FORKS=${2:-200}
ENGINE=${ENGINE:-$ROOT/bin/runbook}
OUT=$ROOT/bench/out/fanout
KC=$OUT/kubeconfig
mkdir -p "$OUT"
[ -f "$ROOT/target/engine.jar" ] || { echo "target/engine.jar missing: mvn -q -o -B -DskipTests package" >&2; exit 2; }
SIZES=$(for s in 20 200 1000; do [ "$s" -le "$MAX" ] && echo $s; done; [ "$MAX" -gt 1000 ] && echo "$MAX" || true)
names() { seq -f 'c%04g' 1 "$1"; }

# the machine's load before the benchmark's own work (the lab's start and the setup run raise it themselves)
LOAD0=$(cut -d' ' -f1 /proc/loadavg)
LOADS0=$(cut -d' ' -f1-3 /proc/loadavg)
# --- the lab: one JVM with every cluster, killed by PID at the end
rm -f "$KC" "$OUT/lab.log"
t0=$(date +%s.%N)
SECRETS="otel-token oap-token ngac-token xcp-edge-central-auth-token"
REISSUE_MS=${REISSUE_MS:-1000}
# the lab is started the way users start it too (bin/runbook: the quick compiler only, the serial collector, a bounded heap)
LAB_LAUNCHER=${LAB_LAUNCHER:-$ROOT/bin/runbook}
$LAB_LAUNCHER lab up --clusters "$(names "$MAX" | paste -sd,)" --kubeconfig "$KC" \
  --reissue-secrets "$(for s in $SECRETS; do echo "istio-system/$s"; done | paste -sd,)" --reissue-delay "$REISSUE_MS" > "$OUT/lab.log" 2>&1 &
LAB=$!
trap 'kill "$LAB" 2>/dev/null || true; wait "$LAB" 2>/dev/null || true' EXIT
until grep -q "^lab ready" "$OUT/lab.log" 2>/dev/null; do
  kill -0 "$LAB" 2>/dev/null || { echo "lab exited:" >&2; tail "$OUT/lab.log" >&2; exit 1; }
  sleep 0.5
done
echo "lab: $MAX clusters in one JVM, ready in $(printf '%.0f' "$(echo "$(date +%s.%N) - $t0" | bc)") s, $(awk '/VmRSS/{print int($2/1024)}' /proc/$LAB/status) MB"

inventory() {  # inventory N: a host per cluster
  echo "all:"
  echo "  vars: {ansible_connection: local, ansible_python_interpreter: /usr/bin/python3}"
  echo "  hosts:"
  for c in $(names "$1"); do echo "    $c: {kubeconfig: $KC, kube_context: $c}"; done
}
for s in $SIZES; do inventory "$s" > "$OUT/inventory-$s.yml"; done
{
  echo "- hosts: all"
  echo "  gather_facts: false"
  echo "  tasks:"
  echo "    - name: create the four token secrets"
  echo "      k8s_apply:"
  echo "        definition:"
  for s in $SECRETS; do
    echo "          - {apiVersion: v1, kind: Secret, type: Opaque, metadata: {name: $s, namespace: istio-system}, stringData: {token: bench-$s}}"
  done
  echo "    - name: delete the four token secrets"
  echo "      secret_delete: {names: [$(echo $SECRETS | sed 's/ /, /g')], namespace: istio-system, wait_regenerated: true, timeout: 300s}"
} > "$OUT/rotate.yml"
printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - k8s_apply: {definition: {apiVersion: v1, kind: Namespace, metadata: {name: istio-system}}}\n' > "$OUT/setup.yml"
"$ENGINE" "$OUT/setup.yml" -i "$OUT/inventory-$MAX.yml" -f "$FORKS" > "$OUT/setup.log" 2>&1 \
  || { echo "setup failed (see $OUT/setup.log)" >&2; tail "$OUT/setup.log" >&2; exit 1; }

measure() {  # measure LOG cmd...: sets WALL (s), RSS (MB, peak of the process tree's largest), THREADS (peak), STARTED/ENDED
  local log=$1; shift
  local t0 t1 pid r t p
  t0=$(date +%s.%N); STARTED=$t0
  "$@" > "$log" 2>&1 &
  pid=$!
  peak_while_running "$pid"
  wait "$pid" || { echo "FAILED: $* (see $log)" >&2; tail -20 "$log" >&2; exit 1; }
  t1=$(date +%s.%N); ENDED=$t1
  WALL=$(echo "$t1 - $t0" | bc)
}

check_output() {  # check_output LOG N: every host once per task, recap in inventory order, nothing failed
  local log=$1 n=$2 task
  for task in "create the four token secrets" "delete the four token secrets"; do
    local got
    got=$(awk -v t="TASK [$task]" 'index($0, t) == 1 {on = 1; next} /^(TASK|PLAY)/ {on = 0} on && /^(ok|changed): \[/' "$log" \
      | sed 's/.*\[\(c[0-9]*\)\].*/\1/' | sort -u | wc -l)
    [ "$got" = "$n" ] || { echo "CHECK FAILED: $log: task '$task' reported $got of $n hosts" >&2; exit 1; }
  done
  local recap
  recap=$(awk '/^PLAY RECAP/ {on = 1; next} on && /^c[0-9]+ / {print $1}' "$log")
  [ "$recap" = "$(names "$n")" ] || { echo "CHECK FAILED: $log: the recap does not list the $n hosts in inventory order" >&2; exit 1; }
  ! awk '/^PLAY RECAP/ {on = 1} on' "$log" | grep -Eq 'unreachable=[1-9]|failed=[1-9]' \
    || { echo "CHECK FAILED: $log: a host failed or was unreachable" >&2; exit 1; }
}

echo "load average before the benchmark started: $LOADS0, now $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores; other work on the machine makes these figures noisy)"
lab_cpu() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$LAB/stat"; }  # the lab JVM's CPU seconds so far (100 ticks/s)
declare -A W M T C L
for s in $SIZES; do
  lab0=$(lab_cpu)
  measure "$OUT/engine-$s.log" /usr/bin/time -o "$OUT/cpu-$s.txt" -f '%U %S' \
    "$ENGINE" "$OUT/rotate.yml" -i "$OUT/inventory-$s.yml" -f "$FORKS" --events "$OUT/events-$s.jsonl"
  check_output "$OUT/engine-$s.log" "$s"
  W[$s]=$WALL; M[$s]=$RSS; T[$s]=$THREADS
  C[$s]=$(awk '{printf "%.1f", $1 + $2}' "$OUT/cpu-$s.txt"); L[$s]=$(printf "%.2f" "$(echo "$(lab_cpu) - $lab0" | bc)")
  printf 'engine %5s clusters: %6.2f s  %4s MB resident  %3s threads  (-f %s; outputs checked)\n' "$s" "$WALL" "$RSS" "$THREADS" "$FORKS"
  printf '  CPU time: engine %s s, lab %s s (%.0f ms and %.0f ms per cluster; both on the same %s cores); where the wall time went:\n' \
    "${C[$s]}" "${L[$s]}" "$(echo "${C[$s]} * 1000 / $s" | bc -l)" "$(echo "${L[$s]} * 1000 / $s" | bc -l)" "$(nproc)"
  /usr/bin/python3 "$ROOT/bench/task-split.py" "$OUT/events-$s.jsonl" "$STARTED" "$ENDED" "$FORKS"
done
first=$(echo "$SIZES" | head -1); last=$(echo "$SIZES" | tail -1)
if [ "$first" != "$last" ]; then
  prev=$first
  for s in $(echo "$SIZES" | tail -n +2); do
    printf 'per extra connected cluster (%s -> %s): %.0f KB resident, %.3f threads\n' "$prev" "$s" \
      "$(echo "(${M[$s]} - ${M[$prev]}) * 1024 / ($s - $prev)" | bc -l)" "$(echo "(${T[$s]} - ${T[$prev]}) / ($s - $prev)" | bc -l)"
    prev=$s
  done
  printf 'wall time %s/%s clusters: %.2fx (goal <= 2x); peak resident at %s: %s MB (goal <= 512 MB)\n' "$last" "$first" \
    "$(echo "${W[$last]} / ${W[$first]}" | bc -l)" "$last" "${M[$last]}"
fi
if [ "${ANSIBLE:-1}" = 1 ] && ! { command -v ansible-playbook >/dev/null && /usr/bin/python3 -c 'import kubernetes' 2>/dev/null \
    && ansible-galaxy collection list kubernetes.core 2>/dev/null | grep -q '^kubernetes\.core '; }; then
  # ansible-core alone lacks the kubernetes.core collection; Debian's ansible package brings it
  echo "ansible-playbook, its kubernetes.core collection or the Python kubernetes library missing: apt-get install ansible python3-kubernetes to compare"
elif [ "${ANSIBLE:-1}" = 1 ]; then
  {
    echo "- hosts: all"
    echo "  gather_facts: false"
    echo "  tasks:"
    for state in present absent; do
      echo "    - kubernetes.core.k8s:"
      echo "        kubeconfig: '{{ kubeconfig }}'"
      echo "        context: '{{ kube_context }}'"
      echo "        state: $state"
      echo "        definition: {apiVersion: v1, kind: Secret, type: Opaque, metadata: {name: '{{ item }}', namespace: istio-system}, stringData: {token: 'bench-{{ item }}'}}"
      echo "      loop: [$(echo $SECRETS | sed 's/ /, /g')]"
    done
    # wait_regenerated: each deleted token Secret is there again
    echo "    - kubernetes.core.k8s_info:"
    echo "        kubeconfig: '{{ kubeconfig }}'"
    echo "        context: '{{ kube_context }}'"
    echo "        kind: Secret"
    echo "        namespace: istio-system"
    echo "        name: '{{ item }}'"
    echo "      register: found"
    echo "      until: found.resources | length == 1"
    echo "      retries: 300"
    echo "      delay: 1"
    echo "      loop: [$(echo $SECRETS | sed 's/ /, /g')]"
  } > "$OUT/ansible.yml"
  measure "$OUT/ansible-$first.log" ansible-playbook -f "$FORKS" -i "$OUT/inventory-$first.yml" "$OUT/ansible.yml"
  ANS_WALL=$WALL
  printf 'ansible %4s clusters: %6.2f s  %4s MB resident (largest process)  -> engine %.1fx faster at %s clusters\n' "$first" \
    "$WALL" "$RSS" "$(echo "$WALL / ${W[$first]}" | bc -l)" "$first"
fi
if [ "$first" != "$last" ]; then
  measured=$(for s in $SIZES; do printf '%s clusters %.1f s, %s MB, %s threads, CPU engine %s s / lab %s s; ' "$s" "${W[$s]}" "${M[$s]}" "${T[$s]}" "${C[$s]}" "${L[$s]}"; done)
  measured+=$(printf '%s/%s wall **%.2f×**; per extra cluster %.0f KB, %.3f threads' "$last" "$first" "$(echo "${W[$last]} / ${W[$first]}" | bc -l)" \
    "$(echo "(${M[$last]} - ${M[$first]}) * 1024 / ($last - $first)" | bc -l)" "$(echo "(${T[$last]} - ${T[$first]}) / ($last - $first)" | bc -l)")
  [ "${ANSIBLE:-1}" = 1 ] && [ -n "${ANS_WALL:-}" ] && measured+=$(printf '; Ansible %s clusters %.1f s (engine %.1f× faster)' "$first" "$ANS_WALL" "$(echo "$ANS_WALL / ${W[$first]}" | bc -l)")
  table_row fanout-1000 "token rotation (4 creates, 4 deletes with \`wait_regenerated\`: the lab re-issues each token ${REISSUE_MS} ms after its delete) over 20, 200 and $last lab clusters (one lab JVM), one engine process each (\`bin/runbook\`, no JVM flags), \`-f $FORKS\`; outputs checked (every host once per task, recap in inventory order)" \
    "$last clusters ≤ 2× the 20-cluster wall time, ≤ 512 MB resident, no idle thread per cluster" "$measured (load average $LOAD0 before, $(cut -d' ' -f1 /proc/loadavg) after, on $(nproc) cores)"
fi
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
