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

# peak_while_running PID: waits until PID has exited, sampling every 0.1 s the resident memory (RSS, MB) and the
# threads (THREADS) of PID and of its children, and leaves the largest seen in RSS and THREADS. Only shell builtins run
# in the loop: the sampler must not take the CPU of what it measures (an awk, pgrep and sleep per sample cost about a
# third of a core on 2 cores, most of it in the fork and exec of each).
peak_while_running() {
  local pid=$1 fifo tick kids=() n=0 p k v rest r t
  RSS=0; THREADS=0
  fifo=$(mktemp -u); mkfifo "$fifo"; exec {tick}<>"$fifo"; rm -f "$fifo"  # read -t on it waits without a sleep process
  while [ -e "/proc/$pid" ]; do
    if [ ${#kids[@]} = 0 ] || (( n % 10 == 0 )); then  # its children, found from each process's parent
      kids=()
      for p in /proc/[0-9]*/stat; do
        read -r rest 2>/dev/null < "$p" || continue
        rest=${rest##*) }; rest=${rest#* }
        [ "${rest%% *}" = "$pid" ] && { p=${p#/proc/}; kids+=("${p%/stat}"); }
      done
    fi
    for p in "$pid" "${kids[@]}"; do
      r=0; t=0
      while IFS=$': \t' read -r k v _; do
        case $k in VmRSS) r=$((v / 1024));; Threads) t=$v; break;; esac  # Threads comes after VmRSS
      done 2>/dev/null < "/proc/$p/status" || true
      [ "$r" -gt "$RSS" ] && RSS=$r
      [ "$t" -gt "$THREADS" ] && THREADS=$t
    done
    read -r -t 0.1 -u "$tick" _ || true
    n=$((n + 1))
  done
  exec {tick}>&-
}
