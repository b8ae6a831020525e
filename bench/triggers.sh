#!/usr/bin/env bash
# The load check of triggers and webhooks (issue 16): does delivering webhooks to a slow receiver
# move the API's latency? Runs in alternating pairs (PAIRS, 3) on the same data, the same machine and
# the same seeded event sequence, each on a fresh service and the same Redis snapshot:
#   a. triggers on (first_purchase, purchase_milestone, churn_risk_crossed, tier_changed,
#      points_balance_reached), no webhook subscription;
#   b. the same, with a subscription to those kinds whose receiver (127.0.0.1, at the lowest CPU
#      priority: it stands for a CRM on another machine) answers every delivery after PAUSE_MS (200),
#      delivered by the service's own threads (DELIVERY=in_service, the default), or by a
#      `./treue webhooks` process beside a service run with webhook_delivery_in_service false
#      (DELIVERY=process), or both kinds of run after each run without (DELIVERY=both).
# Load: POST /v1/events, one event a request, at RATE (1000) events/s for DURATION (60) s after
# WARMUP (90) s (the JIT compiles for minutes: after 30 s its compiler threads still took 1.0-1.4 s
# of CPU in the measured minute without webhooks, 0.2 s after 90 s), and GET churn-risk at
# CHURN_RATE (20) reads/s alongside; open loop (OpenLoopLoad in the benchmarks module): each request
# leaves at its scheduled time and its latency counts from that time, so a stall cannot hide behind
# requests that were never sent; at most CONNECTIONS (64) in flight, as from a client's connection
# pool. Events: purchases of stored members (milestones), first purchases of new members (NEW_SHARE
# of the events), points earned, tier changes, app sessions.
# Prints per run: achieved rate, p50/p90/p99/max of events and of churn-risk, firings written
# (distinct firing ids on the stream), deliveries (distinct delivery ids at the receiver) at the end
# and after waiting up to DRAIN s for the rest; then the p99 of all runs of each kind pooled, `p99
# with webhooks <how> / without = X` per way of delivering and PASS/FAIL against the issue's bound
# (at most 1.2). Exits non-zero
# on errors (a failed request, a bad signature, a service that does not start), not on the bound.
#
# Env: N (20000 members), RATE (1000), CHURN_RATE (20), DURATION (60), WARMUP (90), PAIRS (3),
#      NEW_SHARE (0.03), PAUSE_MS (200), DRAIN (120), CONNECTIONS (64), WEBHOOK_CONCURRENCY (64, the
#      service's default: 64 in flight x 5 answers/s = 320 deliveries/s against a 200 ms receiver),
#      REDIS_PORT (6391), PORT (8091), RECEIVER_PORT (8092), WORK (bench/out/triggers-N), REUSE=1 to
#      keep data, model and snapshot from a previous run, DELIVERY (in_service, process or both),
#      STALL_MS (2: events slower than this are the "slow" ones lined up with the JVMs' pauses).
# Diagnostics per run: each process's CPU time and run-queue wait (bench/schedstat.py) and the slow
# events' bursts against every JVM's safepoints (bench/stalls.py), to tell pauses from CPU contention,
# and Redis's busiest commands over the measured part (INFO commandstats: time per call).
# Figures are appended to $SUMMARY (bench/out/summary.txt).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=triggers
source "$ROOT/bench/lib.sh"

N="${N:-20000}"
RATE="${RATE:-1000}"
CHURN_RATE="${CHURN_RATE:-20}"
DURATION="${DURATION:-60}"
WARMUP="${WARMUP:-90}"
PAIRS="${PAIRS:-3}"
NEW_SHARE="${NEW_SHARE:-0.03}"
PAUSE_MS="${PAUSE_MS:-200}"
DRAIN="${DRAIN:-120}"
CONNECTIONS="${CONNECTIONS:-64}"
WEBHOOK_CONCURRENCY="${WEBHOOK_CONCURRENCY:-64}"
REDIS_PORT="${REDIS_PORT:-6391}"
PORT="${PORT:-8091}"
RECEIVER_PORT="${RECEIVER_PORT:-8092}"
WORK="${WORK:-$ROOT/bench/out/triggers-$N}"
REUSE="${REUSE:-0}"
DELIVERY="${DELIVERY:-in_service}"
STALL_MS="${STALL_MS:-2}"
case "$DELIVERY" in in_service|process|both) ;; *) echo "DELIVERY is in_service, process or both, not '$DELIVERY'" >&2; exit 2 ;; esac
API_KEY="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
TENANT=bench
KINDS='["first_purchase", "purchase_milestone", "churn_risk_crossed", "tier_changed", "points_balance_reached"]'
STREAM="treue:v1:{$TENANT:@triggers}:stream"
BOUND=1.2

command -v redis-server >/dev/null || {
  echo "installing redis-server (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server
}

cd "$ROOT"
warm_build
LOGS="$WORK/logs"
mkdir -p "$LOGS"
# The results pool every latencies file of this run's kinds: none of an earlier run may remain.
rm -f "$LOGS"/latencies-*.txt "$LOGS"/churn-latencies-*.txt "$LOGS"/safepoint-*.log "$LOGS"/schedstat-*.json
# The driver and the receiver (benchmarks module) need only the JDK: their classes are the classpath.
mvn -q -B compile -pl core,benchmarks >"$LOGS/build.log" 2>&1 || { cat "$LOGS/build.log"; exit 1; }
LOAD_CP="$ROOT/benchmarks/target/classes"
END=$(date -u -d yesterday +%F)

SERVICE_PID="" RECEIVER_PID="" LOAD_PID="" DELIVERY_PID=""
# end PID: SIGTERM, and SIGKILL when it is still there 15 s later.
end() {
  [[ -n "$1" ]] || return 0
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 150); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
stop_service() {
  end "$DELIVERY_PID"
  end "$SERVICE_PID"
  SERVICE_PID="" DELIVERY_PID=""
}
cleanup() {
  end "$LOAD_PID"
  stop_service
  end "$RECEIVER_PID"
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_redis: a redis-server on REDIS_PORT holding what $WORK/base.rdb holds (empty when none).
start_redis() {
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  while redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done
  [[ -f "$WORK/base.rdb.keep" ]] && cp "$WORK/base.rdb.keep" "$WORK/base.rdb"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$WORK" --dbfilename base.rdb --logfile "$LOGS/redis.log" --pidfile "$WORK/redis.pid"
  until redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; do sleep 0.1; done
}

echo "== triggers load check: $N members, $RATE events/s for $DURATION s after $WARMUP s, receiver $PAUSE_MS ms ($(load))"
if [[ "$REUSE" != 1 || ! -f "$WORK/base.rdb.keep" ]]; then
  rm -rf "$WORK/data" "$WORK/models" "$WORK/work" "$WORK/base.rdb" "$WORK/base.rdb.keep"
  ./treue generate --customers "$N" --end "$END" --seed 42 --out "$WORK/data" | tail -1
  ./treue train churn --data "$WORK/data" --registry "$WORK/models" --work "$WORK/work" --train-cutoffs 6 | tail -3
  start_redis
  ./treue materialize --data "$WORK/data" --redis "redis://127.0.0.1:$REDIS_PORT" --tenant "$TENANT" \
    --registry "$WORK/models" --work "$WORK/work" --no-kpis | tail -2
  redis-cli -p "$REDIS_PORT" save >/dev/null
  cp "$WORK/base.rdb" "$WORK/base.rdb.keep"
fi
start_redis
redis-cli -p "$REDIS_PORT" --scan --pattern "treue:v1:{$TENANT:*}:state" \
  | sed 's/^treue:v1:{[^:]*:\(.*\)}:state$/\1/' >"$WORK/ids.txt"
echo "redis-server $(redis-server --version | awk '{print $3}') on port $REDIS_PORT, $(wc -l <"$WORK/ids.txt") member states"

KEY_SHA=$(printf '%s' "$API_KEY" | sha256sum | cut -d' ' -f1)
cat >"$WORK/serve.json" <<JSON
{
  "port": $PORT,
  "redis_url": "redis://127.0.0.1:$REDIS_PORT",
  "registry": "$WORK/models",
  "webhook_allow_private_targets": true,
  "webhook_concurrency": $WEBHOOK_CONCURRENCY,
  "triggers": {"*": {
    "first_purchase": {"enabled": true},
    "purchase_milestone": {"enabled": true},
    "churn_risk_crossed": {"enabled": true},
    "tier_changed": {"enabled": true},
    "points_balance_reached": {"enabled": true}
  }},
  "api_keys": [{"id": "bench", "sha256": "$KEY_SHA", "tenant": "$TENANT", "scopes": ["score", "events", "lists", "admin"]}]
}
JSON
# The same service, delivering nothing itself: a `./treue webhooks` process beside it delivers.
python3 -c 'import json,sys; c = json.load(open(sys.argv[1])); c["webhook_delivery_in_service"] = False; json.dump(c, open(sys.argv[2], "w"), indent=2)' \
  "$WORK/serve.json" "$WORK/serve-process.json"

api() { curl -fsS -H "X-Api-Key: $API_KEY" -H 'Content-Type: application/json' "$@"; }
firings() { redis-cli -p "$REDIS_PORT" --raw XRANGE "$STREAM" - + | awk 'prev == "firing_id" {print} {prev = $0}' | sort -u | wc -l; }
firings_by_kind() {
  redis-cli -p "$REDIS_PORT" --raw XRANGE "$STREAM" - + \
    | awk 'prev == "firing_id" {id = $0} prev == "kind" {print id, $0} {prev = $0}' | sort -u \
    | awk '{n[$2]++} END {for (k in n) printf "%s %d, ", k, n[k]}' | sed 's/, $//'
}
receiver_stat() { curl -fsS "http://127.0.0.1:$RECEIVER_PORT/stats" | sed -n "s/^$1=//p"; }
get() { sed -n "s/^$1=//p" "$LOGS/load-$RUN.txt"; }

# run NAME SUBSCRIBE(0|1) [process]: restores the snapshot, starts the service (and the receiver), drives the
# load, prints the run's figures; keeps every request's latency in $LOGS/latencies-NAME.txt (events)
# and $LOGS/churn-latencies-NAME.txt.
# safepoint_log JVM: the option that logs that JVM's safepoints and collections of this run, stamped
# in epoch ms.
safepoint_log() { echo "-Xlog:safepoint,gc:file=$LOGS/safepoint-$1-$RUN.log:timemillis"; }
# schedstat_snap: per-thread CPU and run-queue wait of the processes of this run, as JSON.
schedstat_snap() {
  local specs=("service=$SERVICE_PID" "redis=$(cat "$WORK/redis.pid")" "driver=$LOAD_PID")
  [[ -n "$RECEIVER_PID" ]] && specs+=("receiver=$RECEIVER_PID")
  [[ -n "$DELIVERY_PID" ]] && specs+=("delivery=$DELIVERY_PID")
  python3 "$ROOT/bench/schedstat.py" snap "${specs[@]}"
}

# commandstats FILE: Redis's busiest commands of an INFO commandstats answer, by time spent.
commandstats() {
  python3 - "$1" <<'PY'
import re, sys
rows = []
for line in open(sys.argv[1]):
    m = re.match(r"cmdstat_([^:]+):calls=(\d+),usec=(\d+),", line)
    if m:
        rows.append((int(m.group(3)), int(m.group(2)), m.group(1)))
total = sum(r[0] for r in rows)
print(f"    all commands: {total / 1e6:.2f} s")
for usec, calls, name in sorted(rows, reverse=True)[:8]:
    print(f"    {name:<14} {calls:>9} calls {usec / 1e6:6.2f} s {usec / max(calls, 1):7.1f} us each")
PY
}

FAILED=0
run() {
  RUN="$1"
  local subscribe="$2" config="$WORK/serve.json" how="delivered by the service"
  if [[ "${3:-}" == process ]]; then
    config="$WORK/serve-process.json" how="delivered by a ./treue webhooks process"
  fi
  echo
  echo "-- run $RUN: $([[ $subscribe == 1 ]] && echo "webhook subscription, receiver answers after $PAUSE_MS ms, $how" || echo "no subscription")"
  start_redis
  if [[ "$subscribe" == 1 ]]; then
    if [[ -z "$RECEIVER_PID" ]]; then
      # The receiver stands for a CRM on another machine, running all along: one receiver for
      # every run, started at the first (whose warm-up also warms it: its JIT compiled for most of
      # a second of CPU in the measured minute of a run that started it afresh). Here it shares
      # the service's 2 cores, so it runs at the lowest priority and takes CPU the service leaves.
      nice -n 19 java -cp "$LOAD_CP" dev.treue.benchmarks.load.SlowReceiver "$RECEIVER_PORT" "$PAUSE_MS" >"$LOGS/receiver.log" 2>&1 &
      RECEIVER_PID=$!
      until curl -fs "http://127.0.0.1:$RECEIVER_PORT/stats" >/dev/null 2>&1; do sleep 0.1; done
    fi
    curl -fsS -X POST "http://127.0.0.1:$RECEIVER_PORT/reset" >/dev/null
  fi
  # Safepoint logs (every JVM pause, wall-clock stamped) to line the slow requests up with: stalls.py.
  TREUE_SERVE_OPTS="${TREUE_SERVE_OPTS:-} $(safepoint_log service)" \
    ./treue serve --port "$PORT" --config "$config" >"$LOGS/serve-$RUN.log" 2>&1 &
  SERVICE_PID=$!
  if [[ "${3:-}" == process ]]; then
    TREUE_SERVE_OPTS="${TREUE_SERVE_OPTS:-} $(safepoint_log delivery)" \
      ./treue webhooks --config "$config" >"$LOGS/webhooks-$RUN.log" 2>&1 &
    DELIVERY_PID=$!
  fi
  local ready=0
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && { ready=1; break; }
    sleep 0.2
  done
  [[ "$ready" == 1 ]] || { echo "the service did not become ready; see $LOGS/serve-$RUN.log" >&2; exit 1; }
  if [[ "$subscribe" == 1 ]]; then
    local created secret
    created=$(api -X POST "http://127.0.0.1:$PORT/v1/webhooks" \
      -d "{\"url\": \"http://127.0.0.1:$RECEIVER_PORT/hook\", \"triggers\": $KINDS}")
    secret=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])' <<<"$created")
    curl -fsS -X PUT --data "$secret" "http://127.0.0.1:$RECEIVER_PORT/secret" >/dev/null
  fi
  java "$(safepoint_log driver)" -cp "$LOAD_CP" dev.treue.benchmarks.load.OpenLoopLoad url="http://127.0.0.1:$PORT" key="$API_KEY" \
    ids="$WORK/ids.txt" rate="$RATE" churn_rate="$CHURN_RATE" duration="$DURATION" warmup="$WARMUP" \
    new_share="$NEW_SHARE" connections="$CONNECTIONS" out="$LOGS/load-$RUN.txt" \
    latencies="$LOGS/latencies-$RUN.txt" churn_latencies="$LOGS/churn-latencies-$RUN.txt" >/dev/null &
  LOAD_PID=$!
  # Scheduler statistics of every process over the measured part (the driver's warm-up excluded).
  sleep "$WARMUP"
  schedstat_snap >"$LOGS/schedstat-$RUN-before.json"
  redis-cli -p "$REDIS_PORT" config resetstat >/dev/null
  # The second look just before the driver ends (its threads are gone after).
  sleep "$((DURATION > 1 ? DURATION - 1 : DURATION))"
  schedstat_snap >"$LOGS/schedstat-$RUN-after.json"
  redis-cli -p "$REDIS_PORT" info commandstats >"$LOGS/commandstats-$RUN.txt"
  wait "$LOAD_PID"
  LOAD_PID=""
  local fired delivered="" requests="" bad=""
  fired=$(firings)
  printf '  events:     %s/s achieved of %s sent, p50 %s ms, p90 %s ms, p99 %s ms, max %s ms, non-2xx %s, errors %s\n' \
    "$(get events_rate)" "$(get events_sent)" "$(get events_p50_ms)" "$(get events_p90_ms)" "$(get events_p99_ms)" \
    "$(get events_max_ms)" "$(get events_non2xx)" "$(get events_errors)"
  printf '  churn-risk: %s/s achieved of %s sent, p50 %s ms, p90 %s ms, p99 %s ms, max %s ms, non-2xx %s, errors %s\n' \
    "$(get churn_rate)" "$(get churn_sent)" "$(get churn_p50_ms)" "$(get churn_p90_ms)" "$(get churn_p99_ms)" \
    "$(get churn_max_ms)" "$(get churn_non2xx)" "$(get churn_errors)"
  python3 -c "import sys; sys.exit(0 if $(get events_rate) >= 0.95 * $RATE else 1)" \
    || echo "  (events fell short of $RATE/s: the service or the machine did not keep up, so this run is overloaded)"
  echo "  firings written (warm-up included): $fired ($(firings_by_kind)); $(get new_members) new members"
  echo "  CPU and run-queue wait over the measured part (bench/schedstat.py):"
  python3 "$ROOT/bench/schedstat.py" diff "$LOGS/schedstat-$RUN-before.json" "$LOGS/schedstat-$RUN-after.json"
  echo "  Redis time over the measured part, by command (INFO commandstats):"
  commandstats "$LOGS/commandstats-$RUN.txt"
  echo "  slow events against the JVMs' pauses (bench/stalls.py):"
  local logs=()
  for jvm in service delivery driver; do
    [[ -s "$LOGS/safepoint-$jvm-$RUN.log" ]] && logs+=("$jvm=$LOGS/safepoint-$jvm-$RUN.log")
  done
  python3 "$ROOT/bench/stalls.py" "$LOGS/latencies-$RUN.txt" "$(get events_from_epoch_us)" "$RATE" "$STALL_MS" "${logs[@]}"
  if [[ "$subscribe" == 1 ]]; then
    delivered=$(receiver_stat distinct)
    echo "  deliveries by the end of the load: $delivered of $fired"
    local waited=0
    fired=$(firings)
    while (($(receiver_stat distinct) < fired && waited < DRAIN)); do
      sleep 1
      waited=$((waited + 1))
      fired=$(firings)
    done
    delivered=$(receiver_stat distinct)
    requests=$(receiver_stat requests)
    bad=$(receiver_stat bad_signatures)
    local all=no
    ((delivered == fired)) && all=yes
    echo "  after a drain wait of $waited s: $delivered of $fired delivered (all delivered: $all), $requests requests, $bad bad signatures"
    figure "deliveries_drained" "$delivered/$fired" "all $all after $waited s"
    ((bad == 0)) || FAILED=1
  fi
  local errs
  errs=$(($(get events_non2xx) + $(get events_errors) + $(get churn_non2xx) + $(get churn_errors) + $(get unanswered)))
  ((errs == 0)) || {
    echo "  $errs requests failed or went unanswered (driver errors $(get error_kinds); see $LOGS/serve-$RUN.log)" >&2
    FAILED=1
  }
  figure "events_p99_ms_$RUN" "$(get events_p99_ms)" "at $(get events_rate)/s, max $(get events_max_ms)"
  figure "churn_risk_p99_ms_$RUN" "$(get churn_p99_ms)" "at $(get churn_rate)/s"
  figure "firings_$RUN" "$fired"
  stop_service
}

# Alternating pairs: the p99 of one 60 s run moves by 20-30% between identical runs on 2 shared
# cores, as much as the bound; the pooled p99 of PAIRS runs each is what is compared.
for pair in $(seq 1 "$PAIRS"); do
  run "without-$pair" 0
  [[ "$DELIVERY" == process ]] || run "with-$pair" 1
  [[ "$DELIVERY" == in_service ]] || run "process-$pair" 1 process
done

# pooled P99 FILE-PREFIX: the p99 (ms) of every answered request of the runs whose latencies files
# start with the prefix.
pooled() {
  python3 - "$LOGS" "$1" <<'PY'
import glob, math, sys
values = sorted(int(line) for f in glob.glob(f"{sys.argv[1]}/{sys.argv[2]}-*.txt") for line in open(f) if int(line) >= 0)
print(f"{values[max(0, math.ceil(0.99 * len(values)) - 1)] / 1e6:.3f}" if values else "nan")
PY
}
P99_without=$(pooled latencies-without)
CHURN_P99_without=$(pooled churn-latencies-without)
echo
echo "== results, $PAIRS runs each pooled ($(load))"
# verdict PREFIX LABEL: the pooled p99 of the runs PREFIX-* against the runs without.
verdict() {
  local p99 churn ratio churn_ratio pass
  p99=$(pooled "latencies-$1")
  churn=$(pooled "churn-latencies-$1")
  ratio=$(python3 -c "print(f'{$p99 / $P99_without:.3f}')")
  churn_ratio=$(python3 -c "print(f'{$churn / $CHURN_P99_without:.3f}')")
  pass=$(python3 -c "print('PASS' if $ratio <= $BOUND else 'FAIL')")
  echo "churn-risk p99 with webhooks $2 / without = $churn_ratio ($churn ms / $CHURN_P99_without ms)"
  echo "p99 with webhooks $2 / without = $ratio ($p99 ms / $P99_without ms): $pass (bound <= $BOUND)"
  figure "events_p99_ratio_$1" "$ratio" "$pass bound $BOUND, $2, $PAIRS pairs pooled; churn-risk $churn_ratio"
}
[[ "$DELIVERY" == process ]] || verdict with "delivered by the service"
[[ "$DELIVERY" == in_service ]] || verdict process "delivered by a ./treue webhooks process"
exit "$FAILED"
