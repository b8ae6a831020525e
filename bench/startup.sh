#!/usr/bin/env bash
# A freshly started service under load, as after a deploy: how fast ENDPOINT (single events) is
# answered in the first seconds after readiness, with the service's warm-up before readiness (the
# `warmup` key) and without it, alternated, against the same service's warm rate in the same run
# (its last runs).
# Per round and mode: the seconds to readiness, then RUNS consecutive STEP-second wrk runs at 50
# connections, each run's req/s and the CPU seconds the JIT compiler threads took in it.
#
# Needs a WORK prepared by bench/serving.sh with its Redis left running, e.g. once:
#   N=200000 TRAIN_N=50000 DURATION=15 KEEP_REDIS=1 WORK=/tmp/serve bench/serving.sh
#   WORK=/tmp/serve bench/startup.sh
# Env: WORK, REDIS_PORT (6390), PORT (8090), ROUNDS (2: each round starts the service once per mode),
#      RUNS (8), STEP (5 s), WARMUP (PT30S: the longest warm-up of the "on" mode), SERVICE_ROOT (this
#      checkout; the service runs from its serving/target/classes and target/lib as they are),
#      ENDPOINT (events: one purchase a request; churn-risk; or "rewards?limit=3", which needs the
#      offers bench/serving.sh loads).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=startup
source "$ROOT/bench/lib.sh"

WORK="${WORK:?set WORK to a bench/serving.sh work directory (data, models, ids.txt)}"
REDIS_PORT="${REDIS_PORT:-6390}"
PORT="${PORT:-8090}"
ROUNDS="${ROUNDS:-2}"
RUNS="${RUNS:-8}"
STEP="${STEP:-5}"
WARMUP="${WARMUP:-PT30S}"
SERVICE_ROOT="${SERVICE_ROOT:-$ROOT}"
ENDPOINT="${ENDPOINT:-events}"
SCRIPT=member-get.lua
[[ "$ENDPOINT" == events ]] && SCRIPT=events-post.lua
TENANT=bench
API_KEY="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
require_serving_work

SERVICE_PID=""
trap '[[ -n "$SERVICE_PID" ]] && kill "$SERVICE_PID" 2>/dev/null || true' EXIT

echo "== startup: $ENDPOINT after a start, warm-up $WARMUP against none; $RUNS runs of $STEP s ($(load))"
declare -A FIRST LAST SERVED
for round in $(seq 1 "$ROUNDS"); do
  for mode in on off; do
    warmup=PT0S
    [[ "$mode" == on ]] && warmup="$WARMUP"
    write_serving_config "$WORK/startup-serve.json" true "$warmup"
    started=$(now)
    start_built_service "$WORK/startup-serve.json" "$WORK/startup-serve-$mode.log"
    ready=$(elapsed "$started")
    took=$(curl -fs "http://127.0.0.1:$PORT/health/ready" | python3 -c \
      'import json,sys; w=json.load(sys.stdin)["checks"]["warmup"]; print(w.get("seconds", "off"))')
    rates=() compiler=()
    for run in $(seq 1 "$RUNS"); do
      c0=$(compiler_ticks "$SERVICE_PID")
      ENDPOINT="$ENDPOINT" API_KEY="$API_KEY" IDS_FILE="$WORK/ids.txt" DELAY_MS=0 BATCH=1 \
        wrk -t2 -c50 -d"${STEP}s" -s "$ROOT/bench/lua/$SCRIPT" "http://127.0.0.1:$PORT" \
        >"$WORK/startup-wrk.log"
      rates+=("$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$WORK/startup-wrk.log")")
      compiler+=("$(python3 -c "import os; print(f'{($(compiler_ticks "$SERVICE_PID") - $c0) / os.sysconf(\"SC_CLK_TCK\"):.1f}')")")
    done
    kill "$SERVICE_PID" && wait "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=""
    served=$(printf '%s\n' "${rates[@]}" | awk -v s="$STEP" '{n += $1 * s} END {printf "%.0f", n}')
    # Settled: the first run in which the compiler threads took under a tenth of a core.
    settled=$(printf '%s\n' "${compiler[@]}" | awk -v s="$STEP" -v all=$((RUNS * STEP)) \
      '$1 < s / 10 {print "after " (NR - 1) * s " s of load"; found = 1; exit}
      END {if (!found) print "not within the " all " s"}')
    echo "round $round, warm-up $mode: ready after $ready s (warm-up $took s)"
    echo "  req/s by run:      ${rates[*]}"
    echo "  JIT CPU s by run:  ${compiler[*]}"
    echo "  requests answered in the $((RUNS * STEP)) s: $served; the JIT settled $settled"
    FIRST[$mode]="${FIRST[$mode]:-} ${rates[0]}"
    SERVED[$mode]="${SERVED[$mode]:-} $served"
    # The warm rate: the better of the last two runs.
    LAST[$mode]="${LAST[$mode]:-} $(printf '%s\n' "${rates[@]: -2}" | sort -n | tail -1)"
    figure "first_run_${ENDPOINT%%\?*}_per_s_warmup_$mode" "${rates[0]}" "round $round, warm rate ${rates[-1]}"
  done
done
for mode in on off; do
  echo "$ENDPOINT, warm-up $mode: first $STEP s runs${FIRST[$mode]} req/s; requests in $((RUNS * STEP)) s${SERVED[$mode]};" \
    "warm (last runs)${LAST[$mode]} req/s"
done
