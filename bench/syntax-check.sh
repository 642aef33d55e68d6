#!/usr/bin/env bash
# Benchmark (not a test): start-up cost, measured as --syntax-check of a small playbook, engine vs Ansible.
# Goal from the engine-core issue: the engine starts no slower than ansible-playbook (about 0.3 s here).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/common.sh"
RUNS=${1:-7}
PB=$ROOT/src/test/resources/parity/basics.yml
INV=$ROOT/src/test/resources/parity/inventory.yml
engine=$(median_seconds "$RUNS" java -jar "$ROOT/target/engine.jar" --syntax-check "$PB" -i "$INV")
echo "engine:  ${engine} s (median of $RUNS)"
if command -v ansible-playbook >/dev/null; then
  ansible=$(median_seconds "$RUNS" ansible-playbook --syntax-check -i "$INV" "$PB")
  echo "ansible: ${ansible} s (median of $RUNS)"
fi
