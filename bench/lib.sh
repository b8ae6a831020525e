# Shared helpers for the bench/ scripts (sourced, not run). Expects ROOT and BENCH to be set.
# Every figure goes to the terminal and, as one line, to $SUMMARY:
#   <UTC time> <bench> <figure> <value> [unit/note]

SUMMARY="${SUMMARY:-$ROOT/bench/out/summary.txt}"
mkdir -p "$(dirname "$SUMMARY")"

# figure NAME VALUE [NOTE...]: append one summary line.
figure() {
  local name="$1" value="$2"
  shift 2
  printf '%s %s %s %s%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$BENCH" "$name" "$value" "${*:+ $*}" >>"$SUMMARY"
}

# now: seconds since the epoch with nanoseconds.
now() { date +%s.%N; }

# elapsed START: seconds since START, 1 decimal.
elapsed() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.1f}")' "$1" "$(now)"; }

# load: the 1-minute load average and the core count, to judge how noisy the timings are.
load() { echo "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"; }

# cpu_ticks PID: utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat; the
# command name before them may hold spaces).
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
# system_ticks PID: the system-time part of cpu_ticks (the kernel's work for the process: sockets,
# wake-ups).
system_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $13}'; }
# compiler_ticks PID: CPU ticks of the JVM's JIT compiler threads (those whose names hold "Compiler").
compiler_ticks() {
  local stats
  stats=$(grep -l Compiler /proc/"$1"/task/*/comm 2>/dev/null | sed 's/comm$/stat/' || true)
  if [[ -z "$stats" ]]; then echo 0; return; fi
  # shellcheck disable=SC2086 # one path a word
  awk '{sub(/^.*\) /, ""); s += $12 + $13} END {print s + 0}' $stats 2>/dev/null || echo 0
}
# warm_until_settled PID LABEL COMMAND...: runs COMMAND with WARM_STEP (5) appended, the seconds of
# load it is to put on the service PID, again and again until the JIT compiler took under WARM_SETTLED
# (0.03) of the service's CPU in one step, after at least WARM_MIN (20) and at most WARM_MAX (120) s;
# prints how long that took. A fixed warm-up is not enough on a slow machine: a service's first 40 s
# of single events ran at a third to a half of its later rate, with the compiler taking a third of
# its CPU (2026-12-07), and a figure measured then is the JIT's, not the code's.
warm_until_settled() {
  local pid="$1" label="$2"
  shift 2
  local step="${WARM_STEP:-5}" waited=0 share=1 c0 s0
  while ((waited < ${WARM_MAX:-120})); do
    c0=$(compiler_ticks "$pid") s0=$(cpu_ticks "$pid")
    "$@" "$step"
    waited=$((waited + step))
    share=$(python3 -c "print(f'{($(compiler_ticks "$pid") - $c0) / max(1, $(cpu_ticks "$pid") - $s0):.3f}')")
    if ((waited >= ${WARM_MIN:-20})) && python3 -c "import sys; sys.exit(0 if $share < ${WARM_SETTLED:-0.03} else 1)"; then
      break
    fi
  done
  echo "  warm-up, $label: $waited s (the JIT's share of the service's CPU in the last $step s: $share)"
}
# redis_pid PORT: the process id of the Redis answering on 127.0.0.1:PORT.
redis_pid() { redis-cli -p "$1" info server | tr -d '\r' | awk -F: '$1 == "process_id" {print $2}'; }
# per_request_us TICKS REQUESTS: CPU ticks per request in microseconds, one decimal.
per_request_us() { python3 -c "import os,sys; print(f'{int(sys.argv[1]) / os.sysconf(\"SC_CLK_TCK\") * 1e6 / max(1, int(sys.argv[2])):.1f}')" "$1" "$2"; }
# Builds the launcher's classes before anything is timed (./treue rebuilds when sources changed).
warm_build() { (cd "$ROOT" && ./treue --help >/dev/null); }

# to_ms: a wrk latency on stdin (e.g. 812.00us, 1.20ms, 2.00s) in milliseconds.
to_ms() { python3 -c 'import sys,re
v=sys.stdin.read().strip(); m=re.match(r"([0-9.]+)(us|ms|s)", v)
print(round(float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)], 4))'; }

# For the scripts that measure a service of their own on a bench/serving.sh work directory
# (cpu-per-request.sh, gc-choice.sh); they set WORK, REDIS_PORT, PORT, SERVICE_ROOT, API_KEY, TENANT.

# require_serving_work: WORK's member ids and REDIS_PORT's Redis left by bench/serving.sh
# (KEEP_REDIS=1), a build in SERVICE_ROOT, and PORT free (else it would measure another service).
require_serving_work() {
  redis-cli -p "$REDIS_PORT" ping >/dev/null || {
    echo "no Redis on port $REDIS_PORT: run bench/serving.sh with KEEP_REDIS=1 first" >&2
    exit 1
  }
  [[ -s "$WORK/ids.txt" ]] || { echo "no $WORK/ids.txt: run bench/serving.sh first" >&2; exit 1; }
  [[ -d "$SERVICE_ROOT/serving/target/lib" ]] || {
    echo "no build in $SERVICE_ROOT: run 'mvn -o -q -DskipTests package' there first" >&2
    exit 1
  }
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
    echo "port $PORT already answers: stop what runs there (the measure needs its own service)" >&2
    exit 1
  fi
}

# write_serving_config FILE [METRICS] [WARMUP]: a service on PORT over REDIS_PORT and WORK's models,
# one key to score, post events and read lists (and the key itself) with; METRICS (true) false
# switches its metrics off; WARMUP (PT0S: the benches warm it under load themselves) is the longest
# warm-up of the service's own before readiness.
write_serving_config() {
  cat >"$1" <<JSON
{
  "port": $PORT,
  "metrics_enabled": ${2:-true},
  "warmup": "${3:-PT0S}",
  "redis_url": "redis://127.0.0.1:$REDIS_PORT",
  "registry": "$WORK/models",
  "api_keys": [{"id": "bench", "sha256": "$(printf '%s' "$API_KEY" | sha256sum | cut -d' ' -f1)",
    "tenant": "$TENANT", "scopes": ["score", "events", "lists"]}]
}
JSON
}

# start_built_service CONFIG LOG [JVM OPTION...]: the launcher's serving command line, run from
# SERVICE_ROOT's classes as they are (no rebuild); sets SERVICE_PID and returns once it is ready.
start_built_service() {
  local config="$1" log="$2"
  shift 2
  java -Xmx"${TREUE_SERVE_HEAP:-2g}" "$@" \
    -cp "$SERVICE_ROOT/serving/target/classes:$SERVICE_ROOT/serving/target/lib/*" dev.treue.serving.cli.ServingCli \
    serve --port "$PORT" --config "$config" >"$log" 2>&1 &
  SERVICE_PID=$!
  until curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; do
    kill -0 "$SERVICE_PID" 2>/dev/null || { echo "the service stopped; see $log" >&2; exit 1; }
    sleep 0.2
  done
}
