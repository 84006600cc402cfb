#!/usr/bin/env bash
# Puts Debian's Exim (exim4-daemon-light) into a private directory without installing it: Debian's
# exim4 and postfix packages conflict as MTAs, and the mail testbed runs both. Idempotent: does
# nothing when the binary there already runs. Needs apt-get (and root, once, for the Debian-exim
# user that Exim's binary looks up at start).
#   usage: fetch-exim.sh [DIR]      DIR defaults to $MAILCENSUS_EXIM_DIR or ~/.cache/mailcensus/exim
set -euo pipefail

dir="${1:-${MAILCENSUS_EXIM_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mailcensus/exim}}"
exim="$dir/usr/sbin/exim4"
say() { echo "fetch-exim: $*" >&2; }

# The libraries this script extracted (those the machine lacks), for LD_LIBRARY_PATH.
libpath() { find "$dir" -type d \( -path '*/lib/*-linux-gnu' -o -path '*/lib' \) 2>/dev/null | paste -sd: -; }
runs() { [ -x "$exim" ] && LD_LIBRARY_PATH="$(libpath)" "$exim" -C /dev/null -bV >/dev/null 2>&1; }

# The binary is built to run deliveries as this user and refuses to start without it.
if ! getent passwd Debian-exim >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { say "user Debian-exim is missing (as root: useradd --system --user-group Debian-exim)"; exit 1; }
  useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin Debian-exim
fi

mkdir -p "$dir"
# Two test JVMs may ask at once: one fetches, the other waits and then finds it done.
exec 9>"$dir/.lock"
flock 9

if runs; then
  echo "$exim"
  exit 0
fi

tmp="$(mktemp -d "$dir/.fetch.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp" # apt-get download drops to user _apt, which must write here
cd "$tmp"
# Only the daemon package, plus the libraries it needs that are not installed, and theirs in turn
# (an installed library has its own dependencies installed already). Never libc.
lib_deps() {
  apt-cache depends --important "$1" | awk '($1 == "Depends:" || $1 == "PreDepends:") && $2 ~ /^lib/ && $2 !~ /^libc6/ {print $2}'
}
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
packages=(exim4-daemon-light)
queue=($(lib_deps exim4-daemon-light))
while [ ${#queue[@]} -gt 0 ]; do
  lib="${queue[0]}"; queue=("${queue[@]:1}")
  installed "$lib" && continue
  [[ " ${packages[*]} " == *" $lib "* ]] && continue
  packages+=("$lib")
  queue+=($(lib_deps "$lib"))
done
say "downloading ${packages[*]}"
if ! apt-get download -qq "${packages[@]}" >"$tmp/apt.log" 2>&1; then
  [ "$(id -u)" -eq 0 ] || { cat "$tmp/apt.log" >&2; exit 1; }
  apt-get update -qq >&2
  apt-get download -qq "${packages[@]}" >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; exit 1; }
fi
for deb in ./*.deb; do
  dpkg-deb -x "$deb" "$dir"
done
runs || { say "extracted, but $exim does not run:"; LD_LIBRARY_PATH="$(libpath)" "$exim" -C /dev/null -bV >&2 || true; exit 1; }
say "exim ready: $exim"
echo "$exim"
