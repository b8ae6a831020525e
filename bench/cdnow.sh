#!/usr/bin/env bash
# Churn model on the real CDNOW purchase history, protocol B of data/cdnow/README.md:
# the full master file, calibration up to 1997-12-31, label = no purchase in 1998-01-01..1998-06-30
# (181 days). The model's AUROC, trained with and without the lifetime features, is printed next to
# the published BG/NBD and Pareto/NBD figures and the report's baselines (bgnbd: Treue's own BG/NBD).
# AUROC of P(churn) against "churned" equals AUROC of P(purchase) against "purchased".
#
# Env: CDNOW (the master file, $ROOT/data/cdnow/CDNOW_master.txt), CUTOFF (1997-12-31),
#      HORIZON (181), WORK (bench/out/cdnow-run), TREUE_HEAP (passed to ./treue).
# Figures are appended to $SUMMARY (bench/out/summary.txt).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=cdnow
source "$ROOT/bench/lib.sh"

CDNOW="${CDNOW:-$ROOT/data/cdnow/CDNOW_master.txt}"
CUTOFF="${CUTOFF:-1997-12-31}"
HORIZON="${HORIZON:-181}"
DATA="${DATA:-$ROOT/bench/out/cdnow}"
WORK="${WORK:-$ROOT/bench/out/cdnow-run}"
PUBLISHED_BGNBD=0.7882
PUBLISHED_PARETO=0.7998

if [[ ! -f "$CDNOW" ]]; then
  echo "cdnow: $CDNOW not found (set CDNOW=path/to/CDNOW_master.txt)" >&2
  exit 1
fi
cd "$ROOT"
warm_build
mkdir -p "$WORK"
echo "== cdnow: $CDNOW, cutoff $CUTOFF, horizon $HORIZON days ($(load))"
rm -rf "$DATA"
t=$(now)
./treue import cdnow --in "$CDNOW" --out "$DATA"
IMPORT_S=$(elapsed "$t")

# train NAME [EXTRA...]: train churn into its own registry; sets METRICS and TRAIN_S.
train() {
  local name="$1"
  shift
  local registry="$WORK/registry-$name"
  rm -rf "$registry" "$WORK/train-$name"
  local t
  t=$(now)
  ./treue train churn --data "$DATA" --cutoff "$CUTOFF" --horizon "$HORIZON" --registry "$registry" \
    --work "$WORK/train-$name" "$@" | tee "$WORK/train-$name.log"
  TRAIN_S=$(elapsed "$t")
  local version
  version=$(sed -n 's/^Model version: \([^ ]*\).*/\1/p' "$WORK/train-$name.log" | tail -1)
  METRICS="$registry/churn/$version/metrics.json"
}

train without --without-lifetime-features
WITHOUT_METRICS="$METRICS"
WITHOUT_S="$TRAIN_S"
train with
echo
echo "== cdnow results (import $IMPORT_S s, train churn $TRAIN_S s with lifetime features, $WITHOUT_S s without)"
python3 - "$METRICS" "$WITHOUT_METRICS" "$PUBLISHED_BGNBD" "$PUBLISHED_PARETO" >"$WORK/figures.txt" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
without = json.load(open(sys.argv[2]))["auc"]
bg, pareto = float(sys.argv[3]), float(sys.argv[4])
auc = m["auc"]
base_rate = m.get("validation_base_rate", m.get("base_rate"))
print(f"figure model_auroc {auc:.4f} chosen={m.get('chosen_model')} n_valid={m.get('n_valid')} "
      f"churn_rate={base_rate} cutoff={m.get('validation_cutoff')} horizon={m.get('horizon_days')}")
print(f"figure model_without_lifetime_features_auroc {without:.4f} delta_lifetime_features={auc - without:+.4f}")
print(f"figure published_bgnbd_auroc {bg:.4f} protocol-B delta_model={auc - bg:+.4f}")
print(f"figure published_pareto_nbd_auroc {pareto:.4f} protocol-B delta_model={auc - pareto:+.4f}")
for name, b in m.get("baselines", {}).items():
    v = b.get("auc")
    print(f"figure {name}_auroc " + ("-" if v is None else f"{v:.4f}"))
if base_rate is not None:
    # Always predicting "does not return" is right for every churner: accuracy = churn rate.
    print(f"figure always_churn_accuracy {base_rate:.4f} published=0.772")
PY
while read -r _ name value rest; do
  printf '  %-40s %-8s %s\n' "$name" "$value" "$rest"
  figure "$name" "$value" "$rest"
done <"$WORK/figures.txt"
printf '  %-40s %-8s\n  %-40s %-8s\n' import_seconds "$IMPORT_S" train_churn_seconds "$TRAIN_S"
figure import_seconds "$IMPORT_S"
figure train_churn_seconds "$TRAIN_S"
echo "Summary appended to $SUMMARY"
