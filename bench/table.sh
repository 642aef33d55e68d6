#!/usr/bin/env bash
# Regenerates the table in docs/benchmarks.md from the last figures the benchmark scripts wrote: each script
# that supports it leaves its table row in bench/out/rows/NAME.md (measured in one run, engine and Ansible side
# by side); this replaces the script's row in the table, or adds it at the end of the table.
#   bench/table.sh        (after running the benchmarks)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DOC=$ROOT/docs/benchmarks.md
shopt -s nullglob
for row in "$ROOT"/bench/out/rows/*.md; do
  name=$(basename "$row" .md)
  ROW=$(cat "$row") NAME="$name" python3 - "$DOC" <<'PY'
import os, sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
key = "| `bench/%s.sh` |" % os.environ["NAME"]
row = os.environ["ROW"].strip()
hits = [i for i, l in enumerate(lines) if l.startswith(key)]
if hits:
    lines[hits[0]] = row
else:
    table = [i for i, l in enumerate(lines) if l.startswith("| `bench/")]
    lines.insert(table[-1] + 1 if table else len(lines), row)
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
  echo "docs/benchmarks.md: $name"
done
