#!/usr/bin/env bash
# Benchmark (not a test): create then delete the four token secrets in istio-system on 20 lab clusters,
# engine (k8s_apply + secret_delete) vs ansible-playbook -f 20 with kubernetes.core.k8s (issue 4).
# Goals: issue 4 at least 20x faster, issue 16 at least 40x, cold start included. Prints both medians and the ratio,
# and where the engine's time goes (start-up, the run without Kubernetes, the first Kubernetes task: client,
# discovery, class loading and its round trips, then the rest). The engine starts the way users start it: bin/runbook
# (ENGINE="java -jar target/engine.jar" to compare).
#   bench/k8s-secrets-20-clusters.sh [runs]   (needs target/engine.jar, kubectl; ansible-playbook and
#                                              kubernetes.core optional)
# One lab (20 HTTP clusters in one JVM) serves both; it is started once and stopped at the end.
# The namespace is created in an untimed setup step; each timed run deletes what it created, so every
# run starts from the same state.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/common.sh"
RUNS=${1:-5}
OUT=$ROOT/bench/out/k8s-secrets-20-clusters
JAR=$ROOT/target/engine.jar
KUBECONFIG_FILE=$OUT/kubeconfig
SECRETS="otel-token oap-token ngac-token xcp-edge-central-auth-token"
mkdir -p "$OUT"
[ -f "$JAR" ] || { echo "target/engine.jar missing: mvn -q -o -B -DskipTests package" >&2; exit 2; }
command -v kubectl >/dev/null || { echo "kubectl needed to check the runs" >&2; exit 2; }
CLUSTERS=$(for i in $(seq -w 1 20); do printf 'c%s\n' "$i"; done)

# --- the lab: one JVM with 20 clusters, killed by PID at the end
rm -f "$KUBECONFIG_FILE" "$OUT/lab.log"   # a stale log would say "lab ready" too early
"$ROOT/bin/runbook" lab up --clusters "$(echo $CLUSTERS | tr ' ' ',')" --kubeconfig "$KUBECONFIG_FILE" \
  > "$OUT/lab.log" 2>&1 &
LAB_PID=$!
trap 'kill "$LAB_PID" 2>/dev/null || true; wait "$LAB_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  grep -q '^lab ready' "$OUT/lab.log" && break
  kill -0 "$LAB_PID" 2>/dev/null || { echo "lab exited:" >&2; cat "$OUT/lab.log" >&2; exit 1; }
  sleep 0.1
done
grep -q '^lab ready' "$OUT/lab.log" || { echo "lab not ready after 60 s" >&2; cat "$OUT/lab.log" >&2; exit 1; }

# --- inventory: a host per cluster (the engine reads kubeconfig/kube_context; Ansible passes them to the module)
{
  echo "all:"
  echo "  vars: {ansible_connection: local, ansible_python_interpreter: /usr/bin/python3}"
  echo "  hosts:"
  for c in $CLUSTERS; do
    echo "    $c: {kubeconfig: $KUBECONFIG_FILE, kube_context: $c}"
  done
} > "$OUT/inventory.yml"

secret_list() {  # the four Secrets as a YAML flow list
  local first=1
  printf '['
  for s in $SECRETS; do
    [ $first = 1 ] || printf ', '
    first=0
    printf '{apiVersion: v1, kind: Secret, type: Opaque, metadata: {name: %s, namespace: istio-system}, stringData: {token: bench-%s-value}}' "$s" "$s"
  done
  printf ']'
}

# setup (untimed): the namespace on every cluster
cat > "$OUT/setup.yml" <<EOF
- hosts: all
  gather_facts: false
  tasks:
    - name: namespace
      k8s_apply:
        definition: {apiVersion: v1, kind: Namespace, metadata: {name: istio-system}}
EOF

cat > "$OUT/engine-create.yml" <<EOF
- hosts: all
  gather_facts: false
  tasks:
    - name: create the four token secrets
      k8s_apply:
        definition: $(secret_list)
EOF
cat > "$OUT/engine-delete.yml" <<EOF
- hosts: all
  gather_facts: false
  tasks:
    - name: delete the four token secrets
      secret_delete:
        names: [$(echo $SECRETS | sed 's/ /, /g')]
        namespace: istio-system
EOF
# the timed engine playbook: both plays in one run
cat "$OUT/engine-create.yml" "$OUT/engine-delete.yml" > "$OUT/engine.yml"

ansible_play() {  # ansible_play STATE
  cat <<EOF
- hosts: all
  gather_facts: false
  tasks:
    - name: $1 the four token secrets
      kubernetes.core.k8s:
        kubeconfig: "{{ kubeconfig }}"
        context: "{{ kube_context }}"
        state: $1
        definition:
          apiVersion: v1
          kind: Secret
          type: Opaque
          metadata: {name: "{{ item }}", namespace: istio-system}
          stringData: {token: "bench-{{ item }}-value"}
      loop: [$(echo $SECRETS | sed 's/ /, /g')]
EOF
}
ansible_play present > "$OUT/ansible-create.yml"
ansible_play absent > "$OUT/ansible-delete.yml"
cat "$OUT/ansible-create.yml" "$OUT/ansible-delete.yml" > "$OUT/ansible.yml"

read -r -a ENGINE_CMD <<< "${ENGINE:-$ROOT/bin/runbook}"
engine() { "${ENGINE_CMD[@]}" "$@" -i "$OUT/inventory.yml" -f 20; }
run_ansible() { ANSIBLE_HOST_KEY_CHECKING=False ansible-playbook -f 20 -i "$OUT/inventory.yml" "$@"; }
count_secrets() {  # secrets of the four on cluster $1
  kubectl --kubeconfig "$KUBECONFIG_FILE" --context "$1" get secrets -n istio-system --no-headers \
    -o custom-columns=NAME:.metadata.name 2>/dev/null | grep -cxE "$(echo $SECRETS | tr ' ' '|')" || true
}
check() {  # check LABEL EXPECTED: every cluster has EXPECTED of the four secrets
  local c n bad=0
  for c in $CLUSTERS; do
    n=$(count_secrets "$c")
    [ "$n" = "$2" ] || { echo "CHECK FAILED ($1): $c has $n of the 4 secrets, expected $2" >&2; bad=1; }
  done
  [ $bad = 0 ] || exit 1
  echo "check ($1): all 20 clusters have $2 of the 4 secrets"
}
must() {  # must LOG command...: run once, fail the benchmark if the command fails
  local log=$1; shift
  "$@" > "$log" 2>&1 || { echo "FAILED: $* (see $log)" >&2; tail -20 "$log" >&2; exit 1; }
}

must "$OUT/setup.log" engine "$OUT/setup.yml"
[ "$(kubectl --kubeconfig "$KUBECONFIG_FILE" --context c07 get ns istio-system -o name)" = namespace/istio-system ]

# --- check once that each playbook really does the work (untimed)
must "$OUT/engine-create.log" engine "$OUT/engine-create.yml"; check "engine create" 4
must "$OUT/engine-delete.log" engine "$OUT/engine-delete.yml"; check "engine delete" 0
HAVE_ANSIBLE=0
if command -v ansible-playbook >/dev/null \
   && ansible-galaxy collection list 2>/dev/null | grep -q '^kubernetes\.core '; then
  HAVE_ANSIBLE=1
  must "$OUT/ansible-create.log" run_ansible "$OUT/ansible-create.yml"; check "ansible create" 4
  must "$OUT/ansible-delete.log" run_ansible "$OUT/ansible-delete.yml"; check "ansible delete" 0
fi

# --- timed runs: create + delete in one cold process each; median_seconds ignores exit codes, so a
# failing run is detected by the rc files and the final state
timed_engine() { engine "$OUT/engine.yml" > "$OUT/engine-run.log" 2>&1 || echo "$?" >> "$OUT/engine-failures"; }
timed_ansible() { run_ansible "$OUT/ansible.yml" > "$OUT/ansible-run.log" 2>&1 || echo "$?" >> "$OUT/ansible-failures"; }
rm -f "$OUT/engine-failures" "$OUT/ansible-failures"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
engine_s=$(median_seconds "$RUNS" timed_engine)
[ ! -s "$OUT/engine-failures" ] || { echo "engine runs failed (rc $(tr '\n' ' ' < "$OUT/engine-failures")); see $OUT/engine-run.log" >&2; exit 1; }
check "after engine runs" 0
echo "engine:  ${engine_s} s (median of $RUNS, cold JVM each run, -f 20)"
# where the time goes: each step adds one thing to the one before (medians of $RUNS cold runs each)
printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: {msg: "{{ inventory_hostname }}"}\n' > "$OUT/split-debug.yml"
printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - k8s_info: {kind: Secret, namespace: istio-system, name: otel-token}\n' > "$OUT/split-k8s.yml"
syntax_s=$(median_seconds "$RUNS" engine --syntax-check "$OUT/engine.yml")
debug_s=$(median_seconds "$RUNS" engine "$OUT/split-debug.yml")
first_s=$(median_seconds "$RUNS" engine "$OUT/split-k8s.yml")
trip_s=$( { /usr/bin/time -f '%e' kubectl --kubeconfig "$KUBECONFIG_FILE" --context c01 get secret otel-token -n istio-system --ignore-not-found >/dev/null; } 2>&1 | tail -1)
echo "split of the engine's run (medians; each line is the difference to the one before):"
printf '  JVM start, CLI, parsing and checking the playbook and inventory (--syntax-check): %6.3f s\n' "$syntax_s"
printf '  running a play on 20 hosts without Kubernetes (one debug task):                    %6.3f s\n' "$(echo "$debug_s - $syntax_s" | bc -l)"
printf '  first Kubernetes task (20 clients, API check, discovery, class loading, 1 GET each): %6.3f s\n' "$(echo "$first_s - $debug_s" | bc -l)"
printf '  the rest: 4 creates + 4 deletes per cluster (with their GETs):                      %6.3f s\n' "$(echo "$engine_s - $first_s" | bc -l)"
echo "  (for scale: one kubectl get against a lab cluster, a whole process: ${trip_s} s)"
# inside the first Kubernetes task: the engine measures its own first use (one more run of the k8s_info play)
first_use=$(RUNBOOK_JAVA_OPTS="${RUNBOOK_JAVA_OPTS:-} -Drunbook.k8s.timings=true" engine "$OUT/split-k8s.yml" 2>&1 >/dev/null \
  | grep '^k8s first use:' | tail -1 || true)
echo "inside the first Kubernetes task (one run; hosts in parallel, so the sums overlap in time):"
echo "  ${first_use:-k8s first use: not printed (engine without -Drunbook.k8s.timings support?)}"
echo "  transport = Vert.x and the client's classes, once per run; a client = the host's kubeconfig context and client"
echo "  objects; an API check = the discovery request every first task needs (kept for the run)"
if [ $HAVE_ANSIBLE = 1 ]; then
  ansible_s=$(median_seconds "$RUNS" timed_ansible)
  [ ! -s "$OUT/ansible-failures" ] || { echo "ansible runs failed; see $OUT/ansible-run.log" >&2; exit 1; }
  check "after ansible runs" 0
  echo "ansible: ${ansible_s} s (median of $RUNS, ansible-playbook -f 20, kubernetes.core.k8s)"
  echo "ratio:   $(echo "scale=1; $ansible_s / $engine_s" | bc)x faster (goals: 20x issue 4, 40x issue 16)"
  table_row k8s-secrets-20-clusters "create then delete the four token secrets on 20 lab clusters, engine (cold JVM, \`bin/runbook\`) vs \`ansible-playbook -f 20\` with kubernetes.core" \
    "≥ 40× faster" "$(printf 'engine %.2f s vs Ansible %.1f s: **%.1f×** (median of %s each; engine split: start-up %.2f s, play without Kubernetes %.2f s, first Kubernetes task %.2f s, the rest %.2f s; %s; load average %s on %s cores)' \
      "$engine_s" "$ansible_s" "$(echo "$ansible_s / $engine_s" | bc -l)" "$RUNS" "$syntax_s" "$(echo "$debug_s - $syntax_s" | bc -l)" \
      "$(echo "$first_s - $debug_s" | bc -l)" "$(echo "$engine_s - $first_s" | bc -l)" "${first_use:-}" "$(cut -d' ' -f1 /proc/loadavg)" "$(nproc)")"
else
  echo "ansible-playbook or kubernetes.core not installed: apt-get install ansible python3-kubernetes to compare"
fi
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
