# Sourced by both launchers (./sipyard in a checkout, ./sipyard in the release tarball) after
# bin/java-env.sh: how sipyard's JVM is sized, in one place.
# A fixed heap of SIPYARD_HEAP (default 512m, what the REST API and registrar benchmarks were
# measured with; see bench/README.md) and the parallel collector (chosen by measurement, same
# place). SIPYARD_JAVA_OPTS comes last and overrides either (a collector flag there replaces ours).
# Sourcing it checks SIPYARD_HEAP at once, so a bad value stops before any other work.

sipyard_heap="${SIPYARD_HEAP:-512m}"
if ! [[ "$sipyard_heap" =~ ^[1-9][0-9]*[mMgG]$ ]]; then
  echo "sipyard: SIPYARD_HEAP must be a size such as 512m or 2g, not '$sipyard_heap'" >&2
  exit 2
fi

# sipyard_exec_jar JAR ARGS...: replaces this shell with sipyard's JVM running JAR.
sipyard_exec_jar() {
  local jar="$1"
  shift
  local gc="-XX:+UseParallelGC"
  case " ${SIPYARD_JAVA_OPTS:-} " in *" -XX:+Use"*"GC "*) gc="" ;; esac
  # shellcheck disable=SC2086 # SIPYARD_JAVA_OPTS is a list of flags, split on purpose
  exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xms"$sipyard_heap" -Xmx"$sipyard_heap" $gc \
    ${SIPYARD_JAVA_OPTS:-} -jar "$jar" "$@"
}
