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

# Builds the launcher's classes before anything is timed (./treue rebuilds when sources changed).
warm_build() { (cd "$ROOT" && ./treue --help >/dev/null); }
