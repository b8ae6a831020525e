#!/usr/bin/env bash
# Churn-risk latency under each garbage collector, on the same data, Redis and build, alternated:
# the p99 at half throughput (issue 17's target: 1 ms) and the p50 at one connection, with each
# run's throughput at 50 connections and the JVM's own pause log (count, median and longest pause)
# beside them. G1 (the launcher's default) is the reference measured in the same run.
#
# Why: with G1 on this 2-core machine the service paused 150-250 times in two minutes for 2-3 ms
# each (median), about what the p99 at half rate is; collectors that stop the world for less (ZGC,
# Shenandoah) trade the pauses for concurrent work on the same cores.
#
# Needs a WORK prepared by bench/serving.sh with its Redis left running, e.g. once:
#   N=200000 TRAIN_N=50000 DURATION=15 WORK=/tmp/serve KEEP_REDIS=1 bench/serving.sh
#   WORK=/tmp/serve bench/gc-choice.sh
# Env: WORK, REDIS_PORT (6390), PORT (8090), DURATION (15 s per wrk run), ROUNDS (2:
#      every collector once a round, in turn), GCS (names and JVM options, ';'-separated
#      name=options pairs; default G1, ZGC and Shenandoah), SERVICE_ROOT (this checkout; the service
#      runs from its serving/target/classes and target/lib, so build it first with
#      `mvn -o -q -DskipTests package`).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=gc-choice
source "$ROOT/bench/lib.sh"

WORK="${WORK:?set WORK to a bench/serving.sh work directory (data, models, ids.txt)}"
REDIS_PORT="${REDIS_PORT:-6390}"
PORT="${PORT:-8090}"
DURATION="${DURATION:-15}"
ROUNDS="${ROUNDS:-2}"
GCS="${GCS:-G1=-XX:+UseG1GC;ZGC=-XX:+UseZGC;Shenandoah=-XX:+UseShenandoahGC}"
SERVICE_ROOT="${SERVICE_ROOT:-$ROOT}"
TENANT=bench
API_KEY="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"

require_serving_work
write_serving_config "$WORK/gc-serve.json"

PID=""
trap '[[ -n "$PID" ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true' EXIT

# start NAME OPTIONS: the service as the launcher runs it, with the collector's options and a pause log.
start() {
  # shellcheck disable=SC2086 # the options are a list of JVM flags
  start_built_service "$WORK/gc-serve.json" "$WORK/gc-serve-$1.out" $2 \
    -Xlog:safepoint:file="$WORK/gc-$1.log":uptime
  PID=$SERVICE_PID
}
stop() { kill "$PID" && wait "$PID" 2>/dev/null || true; PID=""; }

# wrk_run CONNECTIONS SECONDS [DELAY_MS]: sets RPS, P50, P99.
wrk_run() {
  API_KEY="$API_KEY" IDS_FILE="$WORK/ids.txt" DELAY_MS="${3:-0}" \
    wrk -t"$(( $1 < 2 ? 1 : 2 ))" -c"$1" -d"$2s" --latency -s "$ROOT/bench/lua/member-get.lua" \
    "http://127.0.0.1:$PORT" >"$WORK/gc-wrk.log"
  if grep -q Non-2xx "$WORK/gc-wrk.log"; then
    echo "non-2xx answers:" >&2
    cat "$WORK/gc-wrk.log" >&2
    exit 1
  fi
  RPS=$(awk '/Requests\/sec/ {print $2}' "$WORK/gc-wrk.log")
  P50=$(awk '$1 == "50%" {print $2}' "$WORK/gc-wrk.log" | to_ms)
  P99=$(awk '$1 == "99%" {print $2}' "$WORK/gc-wrk.log" | to_ms)
}

# pauses NAME FROM_SECONDS: count, median and longest safepoint pause (ms) after the JVM's second FROM.
pauses() {
  python3 - "$WORK/gc-$1.log" "$2" <<'PY'
import re, statistics, sys
path, start = sys.argv[1], float(sys.argv[2])
ms = []
for line in open(path):
    m = re.match(r"\[(\d+\.\d+)s\].*Total: (\d+) ns", line)
    if m and float(m.group(1)) >= start:
        ms.append(int(m.group(2)) / 1e6)
print(f"{len(ms)} pauses, median {statistics.median(ms):.2f} ms, max {max(ms):.2f} ms, sum {sum(ms):.0f} ms"
      if ms else "0 pauses")
PY
}

echo "== churn-risk by garbage collector, $ROUNDS rounds, build $SERVICE_ROOT ($(load))"
IFS=';' read -r -a CHOICES <<<"$GCS"
declare -A ALL_P99 ALL_P50 ALL_RPS
for round in $(seq 1 "$ROUNDS"); do
  for choice in "${CHOICES[@]}"; do
    name="${choice%%=*}" opts="${choice#*=}"
    start "$name" "$opts"
    warm_until_settled "$PID" "$name" wrk_run 50
    wrk_run 50 "$DURATION"
    rps=$RPS
    delay=$(python3 -c "print(max(0, round(50 * 1000 / ($rps / 2) - 1)))")
    # The pause log's clock is the JVM's uptime (about the process's age): count from the paced run on.
    paced_from=$(ps -o etimes= -p "$PID" | tr -d ' ')
    wrk_run 50 "$DURATION" "$delay"
    half_rps=$RPS p99=$P99
    wrk_run 1 10
    p50=$P50
    pause_line=$(pauses "$name" "$paced_from")
    stop
    printf '  round %d %-11s c50 %9s req/s | half rate %9s req/s p99 %6s ms | c1 p50 %6s ms | %s\n' \
      "$round" "$name" "$rps" "$half_rps" "$p99" "$p50" "$pause_line"
    ALL_P99[$name]="${ALL_P99[$name]:-} $p99"
    ALL_P50[$name]="${ALL_P50[$name]:-} $p50"
    ALL_RPS[$name]="${ALL_RPS[$name]:-} $rps"
  done
done
median() { python3 -c "import statistics,sys; print(round(statistics.median(float(v) for v in sys.argv[1:]), 3))" $1; }
echo "== medians of $ROUNDS rounds"
for choice in "${CHOICES[@]}"; do
  name="${choice%%=*}"
  printf '  %-11s c50 %9s req/s  p99 at half rate %6s ms (target <= 1)  c1 p50 %6s ms\n' \
    "$name" "$(median "${ALL_RPS[$name]}")" "$(median "${ALL_P99[$name]}")" "$(median "${ALL_P50[$name]}")"
  figure "p99_half_rate_$name" "$(median "${ALL_P99[$name]}")" "ms, churn-risk, median of $ROUNDS rounds"
done
