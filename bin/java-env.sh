# Sourced by ./mvnw, ./sipyard and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME, the java on PATH, then the JDKs installed under /usr/lib/jvm and /opt.
# The release launcher only runs the jar: it sets sipyard_runtime_only=1 before sourcing this, and
# then a Java runtime (JRE) >= 21 is enough.

sipyard_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

sipyard_pick_jdk() {
  local candidate major
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  local tool=javac
  [ "${sipyard_runtime_only:-0}" = 1 ] && tool=java
  if command -v "$tool" >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v "$tool")")")")")
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/$tool" ] || continue
    major=$(sipyard_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! SIPYARD_JDK=$(sipyard_pick_jdk); then
  if [ "${sipyard_runtime_only:-0}" = 1 ]; then
    echo "sipyard needs Java 21 or newer; none found (set JAVA_HOME or put java on PATH)." >&2
  else
    echo "sipyard needs a JDK 21 or newer; none found (set JAVA_HOME)." >&2
  fi
  exit 1
fi
export JAVA_HOME="$SIPYARD_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
