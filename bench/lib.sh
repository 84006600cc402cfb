# Shell helpers of the benchmarks (bench/dns-scan, bench/full-scan); source after setting BENCH_DIR and ROOT.
source "$ROOT/scripts/lib.sh"   # find_java, mailcensus_classpath
say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

cpu_ticks() { # summed utime+stime of the given pids
  local t=0 p
  for p in "$@"; do t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  echo "$t"
}

# results/NAME-DATE-N.md, or -2, -3, ... when a run of the same day is there already.
result_file() {
  local base="$BENCH_DIR/results/$1-$2-$3" i=2 f
  f="$base.md"
  while [ -e "$f" ]; do f="$base-$i.md"; i=$((i + 1)); done
  echo "$f"
}

fmt_duration() { # seconds -> "Xd Yh" or "Xh Ym"
  awk -v s="$1" 'BEGIN { d=int(s/86400); h=int((s%86400)/3600); m=int((s%3600)/60)
    if (d > 0) printf "%dd %dh", d, h; else printf "%dh %dm", h, m }'
}
