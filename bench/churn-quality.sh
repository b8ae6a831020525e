#!/usr/bin/env bash
# Churn model quality on the synthetic programme: model AUC against the recency, RFM and oracle
# baselines, out of time. Prints PASS/MISS per target and exits 0 (a benchmark, not a test).
#
# Env: N (members, 100000), MONTHS (24), SEED (42), WORK (bench/out/churn-quality),
#      FRESH=1 to regenerate the data even when it exists, TREUE_HEAP (passed to ./treue).
# Figures are appended to $SUMMARY (bench/out/summary.txt).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=churn-quality
source "$ROOT/bench/lib.sh"

N="${N:-100000}"
MONTHS="${MONTHS:-24}"
SEED="${SEED:-42}"
WORK="${WORK:-$ROOT/bench/out/churn-quality}"
TARGET_ORACLE_RATIO=0.97

DATA="$WORK/data-${N}x${MONTHS}-seed${SEED}"
REGISTRY="$WORK/registry"
mkdir -p "$WORK"
cd "$ROOT"
warm_build

echo "== churn-quality: $N members x $MONTHS months, seed $SEED ($(load))"
if [[ "${FRESH:-0}" == 1 || ! -f "$DATA/.complete" ]]; then
  rm -rf "$DATA" "$DATA.tmp"
  t=$(now)
  ./treue generate --customers "$N" --months "$MONTHS" --seed "$SEED" --out "$DATA.tmp"
  touch "$DATA.tmp/.complete" && mv "$DATA.tmp" "$DATA"
  echo "generate: $(elapsed "$t") s"
else
  echo "reusing $DATA (FRESH=1 regenerates)"
fi

# A fresh registry, so the new version is the only one and nothing gates it against an older model.
rm -rf "$REGISTRY" "$WORK/train"
t=$(now)
./treue train churn --data "$DATA" --registry "$REGISTRY" --work "$WORK/train" | tee "$WORK/train.log"
TRAIN_S=$(elapsed "$t")
VERSION=$(sed -n 's/^Model version: \([^ ]*\).*/\1/p' "$WORK/train.log" | tail -1)
if [[ -z "$VERSION" ]]; then
  VERSION=$(ls -1 "$REGISTRY/churn" | grep -v '^[._]' | sort | tail -1)
fi
METRICS="$REGISTRY/churn/$VERSION/metrics.json"
echo
echo "== churn-quality results (model version $VERSION, train churn $TRAIN_S s, $(load))"
python3 - "$METRICS" "$TARGET_ORACLE_RATIO" >"$WORK/figures.txt" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
target = float(sys.argv[2])
base = m.get("baselines", {})
auc = m["auc"]
print(f"figure model_auc {auc:.4f} chosen={m.get('chosen_model')} n_valid={m.get('n_valid')} "
      f"validation_base_rate={m.get('validation_base_rate', m.get('base_rate'))} cutoff={m.get('validation_cutoff')} horizon={m.get('horizon_days')}")
for name, b in base.items():
    v = b.get("auc")
    print(f"figure {name}_auc " + ("-" if v is None else f"{v:.4f}"))
oracle = base.get("oracle", {}).get("auc")
if oracle:
    ratio = auc / oracle
    print(f"figure model_over_oracle {ratio:.4f} target>={target} {'PASS' if ratio >= target else 'MISS'}")
else:
    print("figure model_over_oracle - no-oracle-baseline MISS")
others = {n: b.get("auc") for n, b in base.items() if n != "oracle"}
beaten = all(v is not None and auc > v for v in others.values())
print(f"figure beats_all_non_oracle_baselines {'yes' if beaten else 'no'} "
      f"({','.join(others)}) {'PASS' if beaten else 'MISS'}")
PY
while read -r _ name value rest; do
  printf '  %-36s %-8s %s\n' "$name" "$value" "$rest"
  figure "$name" "$value" "$rest"
done <"$WORK/figures.txt"
printf '  %-36s %-8s %s\n' train_churn_seconds "$TRAIN_S" "N=$N"
figure train_churn_seconds "$TRAIN_S" "N=$N"
echo "Summary appended to $SUMMARY"
