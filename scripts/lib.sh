# Shared by ./mailcensus, ./run-tests and .ci/run: find Java 25, build what is missing, fetch the engine.
# Everything here is idempotent: a second run finds what the first one made and does nothing.

MC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHDB_VERSION="26.7.3-stable.1"
CHDB_PACKAGE="@chdb/lib-linux-x64-gnu"

say() { printf 'mailcensus: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

java_major() { # prints the major version of the java binary $1
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1
}

# Sets JAVA_HOME to a JDK >= 25: $JAVA_HOME if it is one, else one under /usr/lib/jvm, else java on PATH.
find_java() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(java_major "$candidate/bin/java")" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"; return 0
    fi
  done
  if command -v javac >/dev/null; then
    candidate="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    if [ "$(java_major "$candidate/bin/java")" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"; return 0
    fi
  fi
  die "needs a JDK 25 or newer (set JAVA_HOME; on Debian: apt-get install a JDK 25, e.g. Temurin's temurin-25-jdk)"
}

# The engine: $CHDB_LIB, /usr/local/lib/libchdb.so, or the cache, fetched once from the npm registry.
chdb_cache_dir() { echo "${XDG_CACHE_HOME:-$HOME/.cache}/mailcensus/chdb"; }

ensure_chdb() {
  [ -n "${CHDB_LIB:-}" ] && [ -f "$CHDB_LIB" ] && return 0
  [ -f /usr/local/lib/libchdb.so ] && return 0
  local dir; dir="$(chdb_cache_dir)"
  [ -f "$dir/libchdb.so" ] && return 0
  command -v npm >/dev/null || die "the embedded ClickHouse engine is missing and npm is not installed to fetch it (apt-get install npm, or set CHDB_LIB)"
  mkdir -p "$dir"
  local tmp; tmp="$(mktemp -d "$dir/fetch.XXXXXX")"
  say "fetching the embedded ClickHouse engine ($CHDB_PACKAGE $CHDB_VERSION, 178 MB, once) into $dir"
  ( cd "$tmp" && npm pack --silent "$CHDB_PACKAGE@$CHDB_VERSION" >/dev/null 2>"$tmp/npm.err" ) &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    local got; got=$(du -sm "$tmp" ~/.npm/_cacache 2>/dev/null | awk 'NR==1{print $1}')
    printf '\rmailcensus: downloading... %s MB ' "${got:-0}" >&2
    sleep 1
  done
  wait "$pid" || { printf '\n' >&2; cat "$tmp/npm.err" >&2; rm -rf "$tmp"; die "could not fetch the engine from the npm registry"; }
  printf '\rmailcensus: unpacking...            \n' >&2
  tar -xzf "$tmp"/*.tgz -C "$tmp" package/libchdb.so || { rm -rf "$tmp"; die "the engine package has no libchdb.so"; }
  mv "$tmp/package/libchdb.so" "$dir/libchdb.so.part" && mv "$dir/libchdb.so.part" "$dir/libchdb.so"
  rm -rf "$tmp"
  say "engine ready: $dir/libchdb.so"
}

# Builds the project when the launcher's jars are missing or older than any source file.
ensure_build() {
  local stamp="$MC_ROOT/launcher/target/lib/.built"
  # Only sources count: a store directory under the tree holds ClickHouse's own *.sql metadata.
  if [ -f "$stamp" ] && [ -z "$(find "$MC_ROOT"/pom.xml "$MC_ROOT"/*/pom.xml "$MC_ROOT"/*/src -newer "$stamp" -type f -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  command -v mvn >/dev/null || die "Maven is needed to build mailcensus (apt-get install maven)"
  say "building (Maven, first run takes a few minutes)..."
  local log; log="$(mktemp)"
  if ! ( cd "$MC_ROOT" && mvn -B -q -DskipTests -Dmaven.test.skip=true install ) >"$log" 2>&1; then
    grep -E 'ERROR|BUILD' "$log" | head -30 >&2
    die "the build failed (full log: $log)"
  fi
  rm -f "$log"
  touch "$stamp"
}

mailcensus_classpath() {
  echo "$MC_ROOT/launcher/target/classes:$MC_ROOT/launcher/target/lib/*"
}
