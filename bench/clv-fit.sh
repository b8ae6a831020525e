#!/usr/bin/env bash
# The lifetime model at scale: Spark simulates MEMBERS members' purchases from known BG/NBD and
# Gamma-Gamma parameters, the product's summary job summarises them, and both models are fitted on
# the driver. Target: the two fits under 30 s for 1M members after the summary. The reference in the
# same run is one log-likelihood summed member by member, next to the grouped evaluation the fit uses.
#
# Env: MEMBERS (1000000), SEED (42), TREUE_HEAP (passed to ./treue; 8g by default here).
# Figures are appended to $SUMMARY (bench/out/summary.txt).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=clv-fit
source "$ROOT/bench/lib.sh"

MEMBERS="${MEMBERS:-1000000}"
SEED="${SEED:-42}"
export TREUE_HEAP="${TREUE_HEAP:-8g}"
cd "$ROOT"
warm_build
mkdir -p bench/out
echo "== clv-fit: $MEMBERS members ($(load))"
status=0
./treue bench clv-fit --members "$MEMBERS" --seed "$SEED" | tee bench/out/clv-fit.log || status=$?
sed -n 's/^bench\.clv\.\([a-z_]*\)=\(.*\)$/\1 \2/p' bench/out/clv-fit.log | while read -r name value; do
  figure "$name" "$value"
done
echo "Summary appended to $SUMMARY"
exit "$status"
