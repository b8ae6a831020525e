#!/usr/bin/env bash
# Per-member scoring latency, as the service scores one member: CustomerState -> features ->
# calibrated probability with reasons (1 + 10 predictions), on each prediction path (Tribuo's
# model.predict, the native XGBoost booster, the Java tree evaluator), plus the features alone.
# JMH sample time over a few thousand synthetic members and a model trained at setup like the
# product's (400 trees, depth 3, eta 0.04). Prints p50/p99 per path against the Java path's target.
#
# Env: FORKS (1), WARMUP (3 iterations), ITERATIONS (5), TIME (2s per iteration),
#      MEMBERS (4000), WORK (bench/out/scoring-path), JMH_ARGS (extra JMH options).
# Figures are appended to $SUMMARY (bench/out/summary.txt).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=scoring-path
source "$ROOT/bench/lib.sh"

FORKS="${FORKS:-1}"
WARMUP="${WARMUP:-3}"
ITERATIONS="${ITERATIONS:-5}"
TIME="${TIME:-2s}"
MEMBERS="${MEMBERS:-4000}"
WORK="${WORK:-$ROOT/bench/out/scoring-path}"
TARGET_P50_US=20
JAR="$ROOT/benchmarks/target/treue-benchmarks.jar"
mkdir -p "$WORK"
cd "$ROOT"

t=$(now)
mvn -q -B package -pl core,benchmarks -DskipTests -Dbench.shade.skip=false
echo "build: $(elapsed "$t") s"

echo "== scoring-path: $MEMBERS members, $FORKS fork, $WARMUP x $TIME warmup, $ITERATIONS x $TIME measured ($(load))"
# OMP_WAIT_POLICY: XGBoost's OpenMP threads must not spin between native calls.
OMP_WAIT_POLICY=passive java -jar "$JAR" ScoringPathBenchmark \
  -f "$FORKS" -wi "$WARMUP" -i "$ITERATIONS" -w "$TIME" -r "$TIME" -p members="$MEMBERS" \
  -rf json -rff "$WORK/jmh.json" ${JMH_ARGS:-} | tee "$WORK/jmh.log"

echo
echo "== scoring-path results ($(load))"
python3 - "$WORK/jmh.json" "$TARGET_P50_US" >"$WORK/figures.txt" <<'PY'
import json, sys
target = float(sys.argv[2])
for b in json.load(open(sys.argv[1])):
    name = b["benchmark"].rsplit(".", 1)[1]
    pct = b["primaryMetric"]["scorePercentiles"]
    unit = b["primaryMetric"]["scoreUnit"]
    p50, p99 = pct["50.0"], pct["99.0"]
    note = ""
    if name == "javaTrees":
        note = f" {'PASS' if p50 <= target else 'MISS'} target p50<={target:g}"
    print(f"figure {name}_p50 {p50:.2f} {unit}{note}")
    print(f"figure {name}_p99 {p99:.2f} {unit}")
PY
while read -r _ name value rest; do
  printf '%-22s %10s %s\n' "$name" "$value" "$rest"
  figure "$name" "$value" "$rest"
done <"$WORK/figures.txt"
