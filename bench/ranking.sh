#!/usr/bin/env bash
# Ranking latency, as GET /v1/customers/{id}/rewards ranks once the member's state is read:
# RewardRanker over CANDIDATES live offers (member offer features, one batched prediction through the
# Java tree evaluator, eligibility rules, expected value, exploration, explanations), plus the
# features alone. JMH sample time over a few thousand synthetic members with offer histories and a
# response model trained at setup (150 trees of depth 6: the largest train offers candidate at its
# default size; JMH_ARGS="-jvmArgs -Dtreue.bench.trees=300" prices others). Prints p50/p99 against
# the p99 target.
#
# Env: FORKS (1), WARMUP (3 iterations), ITERATIONS (5), TIME (2s per iteration),
#      MEMBERS (4000), CANDIDATES (50), WORK (bench/out/ranking), JMH_ARGS (extra JMH options).
# Figures are appended to $SUMMARY (bench/out/summary.txt).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=ranking
source "$ROOT/bench/lib.sh"

FORKS="${FORKS:-1}"
WARMUP="${WARMUP:-3}"
ITERATIONS="${ITERATIONS:-5}"
TIME="${TIME:-2s}"
MEMBERS="${MEMBERS:-4000}"
CANDIDATES="${CANDIDATES:-50}"
WORK="${WORK:-$ROOT/bench/out/ranking}"
TARGET_P99_US=500
JAR="$ROOT/benchmarks/target/treue-benchmarks.jar"
mkdir -p "$WORK"
cd "$ROOT"

t=$(now)
mvn -q -B package -pl core,benchmarks -DskipTests -Dbench.shade.skip=false
echo "build: $(elapsed "$t") s"

echo "== ranking: $CANDIDATES offers, $MEMBERS members, $FORKS fork, $WARMUP x $TIME warmup, $ITERATIONS x $TIME measured ($(load))"
# OMP_WAIT_POLICY: XGBoost's OpenMP threads must not spin between native calls.
OMP_WAIT_POLICY=passive java -jar "$JAR" RankingBenchmark \
  -f "$FORKS" -wi "$WARMUP" -i "$ITERATIONS" -w "$TIME" -r "$TIME" -p members="$MEMBERS" -p candidates="$CANDIDATES" \
  -rf json -rff "$WORK/jmh.json" ${JMH_ARGS:-} | tee "$WORK/jmh.log"

echo
echo "== ranking results ($(load))"
python3 - "$WORK/jmh.json" "$TARGET_P99_US" >"$WORK/figures.txt" <<'PY'
import json, sys
target = float(sys.argv[2])
for b in json.load(open(sys.argv[1])):
    name = b["benchmark"].rsplit(".", 1)[1]
    pct = b["primaryMetric"]["scorePercentiles"]
    unit = b["primaryMetric"]["scoreUnit"]
    p50, p99 = pct["50.0"], pct["99.0"]
    note = ""
    if name == "rank":
        note = f" {'PASS' if p99 <= target else 'MISS'} target p99<={target:g}"
    print(f"figure {name}_p50 {p50:.2f} {unit}")
    print(f"figure {name}_p99 {p99:.2f} {unit}{note}")
PY
while read -r _ name value rest; do
  printf '%-22s %10s %s\n' "$name" "$value" "$rest"
  figure "$name" "$value" "$rest"
done <"$WORK/figures.txt"
