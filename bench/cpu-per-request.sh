#!/usr/bin/env bash
# The service's CPU time per request, rewards against churn-risk, on the same service: a figure that
# survives a shared machine (throughput moves with whatever else runs; CPU per request barely does).
# CPU = utime + stime of the service process (every thread: event loops, pass threads, JIT, GC) from
# /proc/<pid>/stat, read just before and after a fixed wrk run at CONNS connections, divided by the
# requests wrk got answers to. The ratio rewards/churn-risk CPU per request is what the throughput
# ratio follows (target, issue 17: rewards >= 0.6 x churn-risk's throughput). Redis's own CPU per
# request is read the same way around each run (the runs never overlap, so on a shared Redis each
# run's Redis time is its own): on 2 cores Redis takes its share from the service, and a rewards
# request costs Redis several times a churn-risk read (the ranking log's append).
#
# Needs a WORK prepared by bench/serving.sh with its Redis left running, e.g. once:
#   N=50000 TRAIN_N=20000 DURATION=10 WORK=/tmp/rewcpu REDIS_PORT=6451 PORT=8151 KEEP_REDIS=1 bench/serving.sh
#   WORK=/tmp/rewcpu REDIS_PORT=6451 PORT=8151 bench/cpu-per-request.sh
# Env: WORK, REDIS_PORT (6390), PORT (8090), DURATION (10 s per run), CONNS (50), ROUNDS (2 alternating
#      churn-risk/rewards runs after each endpoint's warm-up, until the JIT settles: WARM_MIN,
#      WARM_MAX and WARM_SETTLED in bench/lib.sh), SERVICE_ROOT (this checkout, or another
#      one: before/after comparisons); the service runs from SERVICE_ROOT's serving/target/classes and
#      target/lib as they are, so build it first with `mvn -o -q -DskipTests package` (core and store
#      changes reach target/lib only through package),
#      TREUE_SERVE_OPTS (more JVM options, e.g. a JFR recording),
#      COMPARE=build BEFORE_ROOT=<another checkout, built the same way>: one ENDPOINT (churn-risk,
#      "rewards?limit=3" or events: one purchase a request) on this checkout's service and on
#      BEFORE_ROOT's beside it on PORT+1, same Redis, alternated: what a change did to CPU per request,
#      the one before/after figure that holds on a shared 2-core machine (runs of one build after the
#      other drift by more than most changes),
#      COMPARE=metrics: instead of rewards against churn-risk, churn-risk on this service (metrics on)
#      against a second one beside it on PORT+1 with metrics off, alternated: what metrics cost per
#      request (target, issue 17: under 5%), a figure throughput runs side by side blur (one round of
#      bench/serving.sh's alternating pairs moves by more than the target),
#      COMPARE=budget: every CPU a request costs on the machine (service, Redis and wrk itself) for
#      two floors, /health/live (HTTP alone) and /v1/key (HTTP, the API key, routing, the contract and
#      metrics: every keyed request's part), and for churn risk, rewards and single events, in
#      ROUNDS rounds through all five; then what the throughput targets (rewards >= 0.6 x churn risk,
#      single events >= 0.5 x) leave each of them: on a machine whose cores are all busy, request
#      rates go as one over the CPU a request costs everything on it.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=cpu-per-request
source "$ROOT/bench/lib.sh"

WORK="${WORK:?set WORK to a bench/serving.sh work directory (data, models, ids.txt)}"
REDIS_PORT="${REDIS_PORT:-6390}"
PORT="${PORT:-8090}"
DURATION="${DURATION:-10}"
CONNS="${CONNS:-50}"
ROUNDS="${ROUNDS:-2}"
COMPARE="${COMPARE:-rewards}"
case "$COMPARE" in rewards|metrics|build|budget) ;; *) echo "COMPARE is rewards, metrics, build or budget, not '$COMPARE'" >&2; exit 2 ;; esac
ENDPOINT="${ENDPOINT:-churn-risk}"
if [[ "$COMPARE" == build ]]; then
  BEFORE_ROOT="${BEFORE_ROOT:?COMPARE=build needs BEFORE_ROOT, a checkout of the build to compare with}"
  BEFORE_ROOT=$(cd "$BEFORE_ROOT" && pwd)
fi
SERVICE_ROOT="${SERVICE_ROOT:-$ROOT}"
TENANT=bench
API_KEY="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"

require_serving_work
write_serving_config "$WORK/cpu-serve.json"
# shellcheck disable=SC2086 # TREUE_SERVE_OPTS is a list of JVM options
start_built_service "$WORK/cpu-serve.json" "$WORK/cpu-serve.log" ${TREUE_SERVE_OPTS:-}
PID=$SERVICE_PID ON_PID=$SERVICE_PID ON_PORT=$PORT OFF_PID=""
trap 'kill $ON_PID $OFF_PID 2>/dev/null; wait $ON_PID $OFF_PID 2>/dev/null || true' EXIT
if [[ "$COMPARE" != rewards ]]; then
  # The second service beside this one on PORT+1: the other build (build) or this one with its
  # metrics off (metrics).
  OFF_PORT=$((PORT + 1)) OFF_ROOT=$SERVICE_ROOT OFF_METRICS=true
  [[ "$COMPARE" == build ]] && OFF_ROOT=$BEFORE_ROOT
  [[ "$COMPARE" == metrics ]] && OFF_METRICS=false
  PORT=$OFF_PORT SERVICE_ROOT=$OFF_ROOT require_serving_work
  PORT=$OFF_PORT write_serving_config "$WORK/cpu-serve-off.json" "$OFF_METRICS"
  # shellcheck disable=SC2086
  PORT=$OFF_PORT SERVICE_ROOT=$OFF_ROOT start_built_service "$WORK/cpu-serve-off.json" "$WORK/cpu-serve-off.log" ${TREUE_SERVE_OPTS:-}
  OFF_PID=$SERVICE_PID
fi

REDIS_PID=$(redis_pid "$REDIS_PORT")
[[ -r "/proc/$REDIS_PID/stat" ]] || { echo "the Redis on port $REDIS_PORT is not a local process" >&2; exit 1; }

# measure ENDPOINT [SECONDS]: one wrk run; sets REQS, CPU_US (SYS_US its system part), REDIS_US and
# WRK_US (per request) and RPS.
measure() {
  local before after redis_before redis_after seconds="${2:-$DURATION}"
  before=$(cpu_ticks "$PID")
  local sys_before; sys_before=$(system_ticks "$PID")
  redis_before=$(cpu_ticks "$REDIS_PID")
  local script=member-get.lua
  # events: one purchase a request, each with a fresh event id (every one is folded).
  [[ "$1" == events ]] && script=events-post.lua
  # wrk's own CPU (user and system seconds, from bash's time): on 2 cores the load generator takes
  # its share too, so the budget below counts it.
  local TIMEFORMAT='%U %S' wrk_times
  wrk_times=$( { time ENDPOINT="$1" API_KEY="$API_KEY" IDS_FILE="$WORK/ids.txt" DELAY_MS=0 BATCH=1 \
    wrk -t2 -c"$CONNS" -d"${seconds}s" -s "$ROOT/bench/lua/$script" "http://127.0.0.1:$PORT" \
    >"$WORK/cpu-wrk.log"; } 2>&1)
  after=$(cpu_ticks "$PID")
  local sys_ticks=$(($(system_ticks "$PID") - sys_before))
  redis_after=$(cpu_ticks "$REDIS_PID")
  REQS=$(awk '/requests in/ {print $1}' "$WORK/cpu-wrk.log")
  RPS=$(awk '/Requests\/sec/ {print $2}' "$WORK/cpu-wrk.log")
  if grep -q Non-2xx "$WORK/cpu-wrk.log"; then
    echo "non-2xx answers for $1:" >&2
    cat "$WORK/cpu-wrk.log" >&2
    exit 1
  fi
  CPU_US=$(per_request_us $((after - before)) "$REQS")
  SYS_US=$(per_request_us "$sys_ticks" "$REQS")
  REDIS_US=$(per_request_us $((redis_after - redis_before)) "$REQS")
  WRK_US=$(python3 -c "import sys; u, s = map(float, sys.argv[1].split()); print(f'{(u + s) * 1e6 / max(1, int(sys.argv[2])):.1f}')" "$wrk_times" "$REQS")
}

echo "== service CPU per request, $CONNS connections, $DURATION s runs, build $SERVICE_ROOT ($(load))"
median() { python3 -c "import statistics,sys; print(round(statistics.median(float(v) for v in sys.argv[1:]), 1))" $1; }
# alternate LABEL_A SELECT_A ENDPOINT_A LABEL_B SELECT_B ENDPOINT_B: a warm-up of each, then ROUNDS
# alternating runs, each after its SELECT command (which service to measure); sets A_CPU and B_CPU,
# the medians of their CPU per request, and A_REDIS and B_REDIS, those of Redis's.
alternate() {
  local round all_a="" all_b="" redis_a="" redis_b=""
  $2; warm_until_settled "$PID" "$1" measure "$3"
  $5; warm_until_settled "$PID" "$4" measure "$6"
  for round in $(seq 1 "$ROUNDS"); do
    $2; measure "$3"
    printf '  round %d %-28s %8s us CPU/request, Redis %6s us  %9s req/s\n' "$round" "$1:" "$CPU_US" "$REDIS_US" "$RPS"
    all_a="$all_a $CPU_US" redis_a="$redis_a $REDIS_US"
    $5; measure "$6"
    printf '  round %d %-28s %8s us CPU/request, Redis %6s us  %9s req/s\n' "$round" "$4:" "$CPU_US" "$REDIS_US" "$RPS"
    all_b="$all_b $CPU_US" redis_b="$redis_b $REDIS_US"
  done
  A_CPU=$(median "$all_a") A_REDIS=$(median "$redis_a")
  B_CPU=$(median "$all_b") B_REDIS=$(median "$redis_b")
}

# first / second: measure this service or the one beside it.
first() { PID=$ON_PID PORT=$ON_PORT; }
second() { PID=$OFF_PID PORT=$OFF_PORT; }
if [[ "$COMPARE" == build ]]; then
  alternate "$ENDPOINT, this build" first "$ENDPOINT" "$ENDPOINT, $(basename "$BEFORE_ROOT")" second "$ENDPOINT"
  CHANGE=$(python3 -c "print(f'{$A_CPU / $B_CPU - 1:+.3f}')")
  echo "  $ENDPOINT CPU per request (median of $ROUNDS): this build $A_CPU us, $BEFORE_ROOT $B_CPU us: $CHANGE"
  echo "  Redis CPU per $ENDPOINT request (median of $ROUNDS): this build $A_REDIS us, $BEFORE_ROOT $B_REDIS us"
  figure "build_cpu_change" "$CHANGE" "$ENDPOINT CPU per request, $SERVICE_ROOT $A_CPU us / $BEFORE_ROOT $B_CPU us"
  exit 0
fi
if [[ "$COMPARE" == metrics ]]; then
  alternate "churn-risk, metrics on" first churn-risk "churn-risk, metrics off" second churn-risk
  ON=$A_CPU OFF=$B_CPU
  COST=$(python3 -c "print(f'{$ON / $OFF - 1:.3f}')")
  echo "  churn-risk CPU per request (median of $ROUNDS): metrics on $ON us, off $OFF us: metrics cost $COST (target < 0.05)"
  figure metrics_cost_cpu "$COST" "churn-risk CPU per request, on $ON us / off $OFF us, $SERVICE_ROOT"
  exit 0
fi
if [[ "$COMPARE" == budget ]]; then
  NAMES=(live key churn-risk rewards events)
  PATHS=(/health/live /v1/key churn-risk "rewards?limit=3" events)
  declare -A SVC SYSC REDIS WRKC
  for i in "${!NAMES[@]}"; do warm_until_settled "$PID" "${NAMES[$i]}" measure "${PATHS[$i]}"; done
  for round in $(seq 1 "$ROUNDS"); do
    for i in "${!NAMES[@]}"; do
      n=${NAMES[$i]}
      measure "${PATHS[$i]}"
      printf '  round %d %-12s service %7s (system %6s) + Redis %6s + wrk %6s us/request  %9s req/s\n' \
        "$round" "$n:" "$CPU_US" "$SYS_US" "$REDIS_US" "$WRK_US" "$RPS"
      SVC[$n]="${SVC[$n]:-} $CPU_US" SYSC[$n]="${SYSC[$n]:-} $SYS_US" REDIS[$n]="${REDIS[$n]:-} $REDIS_US" WRKC[$n]="${WRKC[$n]:-} $WRK_US"
    done
  done
  for n in "${NAMES[@]}"; do
    SVC[$n]=$(median "${SVC[$n]}") SYSC[$n]=$(median "${SYSC[$n]}") REDIS[$n]=$(median "${REDIS[$n]}") WRKC[$n]=$(median "${WRKC[$n]}")
    figure "budget_${n//-/_}_us" "${SVC[$n]} ${REDIS[$n]} ${WRKC[$n]}" "service Redis wrk CPU per request, medians of $ROUNDS"
  done
  echo "  the service's system time a request (medians): $(for n in "${NAMES[@]}"; do printf '%s %s us, ' "$n" "${SYSC[$n]}"; done)"
  python3 - "$ROUNDS" "${SVC[live]}" "${SVC[key]}" \
    "${SVC[churn-risk]}" "${REDIS[churn-risk]}" "${WRKC[churn-risk]}" \
    "${SVC[rewards]}" "${REDIS[rewards]}" "${WRKC[rewards]}" \
    "${SVC[events]}" "${REDIS[events]}" "${WRKC[events]}" <<'PY'
import sys
rounds = sys.argv[1]
live, key, cs, cr, cw, rs, rr, rw, es, er, ew = map(float, sys.argv[2:])
churn = cs + cr + cw
print(f"  medians of {rounds} rounds, CPU per request (us): service + Redis + wrk = all")
print(f"    /health/live (HTTP alone)       {live:7.1f}")
print(f"    /v1/key (every keyed request)   {key:7.1f}")
for name, s, r, w in (("churn risk", cs, cr, cw), ("rewards", rs, rr, rw), ("single events", es, er, ew)):
    print(f"    {name:<31} {s:7.1f} + {r:6.1f} + {w:6.1f} = {s + r + w:7.1f}")
for name, target, s, r, w in (("rewards", 0.6, rs, rr, rw), ("single events", 0.5, es, er, ew)):
    allowed = churn / target
    service = allowed - r - w
    print(f"  {name} at {target} x churn risk's rate may cost {allowed:.1f} us in all; with its Redis"
          f" ({r:.1f}) and wrk ({w:.1f}) that leaves the service {service:.1f} us, {service - key:.1f} beyond"
          f" a keyed request's floor ({key:.1f}); it takes {s:.1f}, {s - key:.1f} beyond it:"
          f" rate now {churn / (s + r + w):.3f} x churn risk")
PY
  exit 0
fi
# Ranking code takes longer than a lookup to be compiled (bench/serving.sh warms up the same way).
alternate churn-risk : churn-risk "rewards?limit=3" : "rewards?limit=3"
CHURN=$A_CPU REWARDS=$B_CPU
RATIO=$(python3 -c "print(f'{$REWARDS / $CHURN:.2f}')")
echo "  churn-risk CPU per request (median of $ROUNDS): $CHURN us"
echo "  rewards CPU per request (median of $ROUNDS):    $REWARDS us = $RATIO x churn-risk" \
  "(rewards throughput >= 0.6 x churn-risk needs <= 1.67 x)"
echo "  with Redis's CPU: churn-risk $CHURN + $A_REDIS us, rewards $REWARDS + $B_REDIS us =" \
  "$(python3 -c "print(f'{($REWARDS + $B_REDIS) / ($CHURN + $A_REDIS):.2f}')") x churn-risk"
figure churn_risk_cpu_us "$CHURN" "per request, $SERVICE_ROOT"
figure rewards_cpu_us "$REWARDS" "per request, $SERVICE_ROOT, ratio to churn-risk $RATIO"
figure churn_risk_redis_cpu_us "$A_REDIS" "Redis CPU per churn-risk request"
figure rewards_redis_cpu_us "$B_REDIS" "Redis CPU per rewards request"
