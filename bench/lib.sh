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

# The testbed's servers stand in for machines of their own on the internet: their pace must not
# depend on how much CPU the scanner under test takes on the same 2 cores. Linux shares CPU between
# sessions (autogroups) first, so a scanner's busy session left Postfix's master waiting to spawn
# smtpds: hundreds of connections sat in its listen queues for 30 s and more (2026-12-06). This
# puts the sessions of the mail, web and authoritative DNS servers of testbed $1 ahead (nice -10
# per autogroup); the resolver stays beside the scanner. Needs root; same for every scanner run.
# BENCH_FAVOUR_SERVERS=no leaves them sharing it evenly.
favour_servers() {
  local tb="$1" pid
  [ "${BENCH_FAVOUR_SERVERS:-yes}" != no ] || return 0
  [ -w /proc/self/autogroup ] || { say "no autogroups here: servers share the CPU with the scanner"; return 0; }
  for pid in $(pgrep -f -- "master -c $tb/postfix/conf") $(pgrep -f -- "nginx -p $tb/") \
      $(pgrep -f -- "knotd -c $tb/"); do
    echo -10 >"/proc/$pid/autogroup" || say "could not favour pid $pid"
  done
}

# How the servers got their CPU, for a result file's header (as favour_servers decided it).
servers_cpu() {
  if [ "${BENCH_FAVOUR_SERVERS:-yes}" != no ] && [ -w /proc/self/autogroup ]; then
    echo "favoured over the scanner for the CPU (autogroup nice -10: machines of their own)"
  else
    echo "sharing the CPU evenly with the scanner"
  fi
}
