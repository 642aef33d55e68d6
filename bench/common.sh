# Shared by the benchmark scripts: median wall time of a command over N runs.
median_seconds() {  # median_seconds N command...
  local n=$1; shift
  local times=()
  for _ in $(seq "$n"); do
    local t0 t1
    t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# median_wall_cpu N command...: "WALL CPU" medians in seconds over N runs (CPU = user + system time of the
# process tree). On a shared, loaded machine the CPU figure says more about the work done than the wall time.
median_wall_cpu() {
  local n=$1; shift
  local walls=() cpus=() line
  for _ in $(seq "$n"); do
    line=$( { /usr/bin/time -f '%e %U %S' "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -1)
    walls+=("$(echo "$line" | awk '{print $1}')")
    cpus+=("$(echo "$line" | awk '{print $2 + $3}')")
  done
  printf '%s %s\n' \
    "$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
    "$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}

# table_row NAME WHAT GOAL MEASURED: leaves the script's row for docs/benchmarks.md in bench/out/rows (bench/table.sh)
table_row() {
  mkdir -p "$(dirname "${BASH_SOURCE[0]}")/out/rows"
  printf '| `bench/%s.sh` | %s | %s | %s |\n' "$1" "$2" "$3" "$4" > "$(dirname "${BASH_SOURCE[0]}")/out/rows/$1.md"
}

# Medians of wall time and of CPU time (user + system, children included) of a command over N runs, as
# "wall cpu": on a loaded machine CPU time is the fairer comparison, as wall time then mostly measures waiting.
median_wall_and_cpu() {  # median_wall_and_cpu N command...
  local n=$1; shift
  local walls=() cpus=()
  for _ in $(seq "$n"); do
    local line measured
    measured=$(mktemp)
    /usr/bin/time -o "$measured" -f '%e %U %S' "$@" >/dev/null 2>&1 || true
    line=$(tail -1 "$measured"); rm -f "$measured"
    walls+=("$(echo "$line" | awk '{print $1}')")
    cpus+=("$(echo "$line" | awk '{print $2 + $3}')")
  done
  echo "$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
       "$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}
