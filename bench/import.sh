#!/usr/bin/env bash
# Bulk import: ROWS endpoints (default 100,000) from one CSV file with `sipyard endpoints import`, into a
# fresh SQLite data folder (BACKEND=postgres: embedded PostgreSQL as the SIP benches start it). Prints the
# wall time, the rows per second and the machine's load. See bench/README.md, "Bulk import".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${ROWS:-100000}"
BACKEND="${BACKEND:-sqlite}"
work="$(mktemp -d /tmp/sipyard-import.XXXXXX)"
out="$work"; trap 'stop_postgres 2>/dev/null || true; rm -rf "$work"' EXIT
export SIPYARD_DATA_DIR="$work/data" SIPYARD_SIP_DOMAIN="sip.bench.test"
unset SIPYARD_DB SIPYARD_CONFIG
if [ "$BACKEND" = postgres ]; then
  . "$root/bin/java-env.sh"
  . "$root/bench/sip-bench.sh"
  start_postgres
  export SIPYARD_DB="$db"
fi
"$root/sipyard" --version >/dev/null
project="$("$root/sipyard" project create --name import-bench --json 2>/dev/null | sed -n 's/.*"project_id":"\([^"]*\)".*/\1/p')"
python3 - "$work/rows.csv" "$ROWS" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("username,password,caller_id,codecs\n")
    for i in range(int(sys.argv[2])):
        f.write(f"user{i:06d},Pw-{i:06d}-Horse,User {i},\"PCMU,PCMA\"\n")
PY
echo "import of $ROWS rows into $BACKEND, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
"$root/sipyard" endpoints import "$work/rows.csv" --project "$project" 2>"$work/progress.txt"
end=$(date +%s.%N)
python3 -c "s=$end-$start; print(f'{s:.1f} s wall, {$ROWS/s:.0f} rows/s (JVM start included)')"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
