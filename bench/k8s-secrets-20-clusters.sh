#!/usr/bin/env bash
# Benchmark (not a test): create then delete the four token secrets in istio-system on 20 lab clusters,
# engine (k8s_apply + secret_delete) vs ansible-playbook -f 20 with kubernetes.core.k8s (issue 4).
# Goal from issue 4: the engine at least 20x faster, cold start included. Prints both medians and the ratio.
#   bench/k8s-secrets-20-clusters.sh [runs]   (needs target/engine.jar, kubectl; ansible-playbook and
#                                              kubernetes.core optional)
# One lab (20 HTTP clusters in one JVM) serves both; it is started once and stopped at the end.
# The namespace is created in an untimed setup step; each timed run deletes what it created, so every
# run starts from the same state.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/common.sh"
RUNS=${1:-3}
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
java -jar "$JAR" lab up --clusters "$(echo $CLUSTERS | tr ' ' ',')" --kubeconfig "$KUBECONFIG_FILE" \
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

engine() { java -jar "$JAR" "$@" -i "$OUT/inventory.yml" -f 20; }
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
if [ $HAVE_ANSIBLE = 1 ]; then
  ansible_s=$(median_seconds "$RUNS" timed_ansible)
  [ ! -s "$OUT/ansible-failures" ] || { echo "ansible runs failed; see $OUT/ansible-run.log" >&2; exit 1; }
  check "after ansible runs" 0
  echo "ansible: ${ansible_s} s (median of $RUNS, ansible-playbook -f 20, kubernetes.core.k8s)"
  echo "ratio:   $(echo "scale=1; $ansible_s / $engine_s" | bc)x faster (goal: 20x)"
else
  echo "ansible-playbook or kubernetes.core not installed: apt-get install ansible python3-kubernetes to compare"
fi
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
