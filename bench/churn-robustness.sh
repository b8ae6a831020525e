#!/usr/bin/env bash
# Churn model robustness: the whole import / train churn path on real and generated shop histories
# of different shapes (issue 13), one table row per run with the model against the best rule
# baseline, the base rate and, where the data comes from the generator, the oracle (the true
# probabilities in truth.csv). A benchmark, not a test: prints PASS/MISS per target and exits 0.
#
# Runs (SIZE=full; SIZE=small divides every member count by 10 and uses the CDNOW 1/10th sample):
#   cdnow            CDNOW via import cdnow, at each of CDNOW_CUTOFFS (protocol B is 1997-12-31:181)
#   programme-seedS  the generated programme, MEMBERS members, 24 months, default settings, each seed
#   short            SHORT_MEMBERS members, 13 months, no warm-up: the events start with the history
#   purchases-only   SHOP_MEMBERS members, a shop without a programme (generate --purchases-only)
#                    written as orders.csv and brought in with import transactions
#   one-time         SHOP_MEMBERS members, 60% one-time buyers (generate --one-time-share 0.6)
# Targets per row: the model's AUC above the best rule baseline's (every baseline but the oracle),
# AUC >= 0.97 x the oracle's where known, log loss below the base rate's (the log loss of always
# predicting the validation churn rate). A run whose training stops (too little data) is a row that
# says so. Extra columns, no target: the win-back list on the lapsed validation rows (metrics.json
# win_back): their count, and the AUC of the list's order (win_back_value) and of recency at finding
# those who buy again within the horizon.
#
# Env: SIZE (full|small), MEMBERS (100000), SHORT_MEMBERS (3000), SHOP_MEMBERS (20000), SEEDS
#      ("42 43"), CDNOW (data/cdnow/CDNOW_master.txt; small: CDNOW_sample.txt), CDNOW_CUTOFFS
#      ("1997-09-30:181 1997-12-31:181 1998-03-31:91", cutoff:horizon), ONLY (regex of run names to
#      run), WORK (bench/out/churn-robustness-SIZE), FRESH=1 to regenerate the data, TREUE_HEAP.
# Figures are appended to $SUMMARY (bench/out/summary.txt); the table is also in $WORK/table.txt.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=churn-robustness
source "$ROOT/bench/lib.sh"

SIZE="${SIZE:-full}"
case "$SIZE" in
  full) SCALE=1 DEFAULT_CDNOW="$ROOT/data/cdnow/CDNOW_master.txt" ;;
  small) SCALE=10 DEFAULT_CDNOW="$ROOT/data/cdnow/CDNOW_sample.txt" ;;
  *) echo "churn-robustness: SIZE must be full or small, got '$SIZE'" >&2; exit 2 ;;
esac
MEMBERS="${MEMBERS:-$((100000 / SCALE))}"
SHORT_MEMBERS="${SHORT_MEMBERS:-$((3000 / SCALE))}"
SHOP_MEMBERS="${SHOP_MEMBERS:-$((20000 / SCALE))}"
SEEDS="${SEEDS:-42 43}"
CDNOW="${CDNOW:-$DEFAULT_CDNOW}"
CDNOW_CUTOFFS="${CDNOW_CUTOFFS:-1997-09-30:181 1997-12-31:181 1998-03-31:91}"
ONLY="${ONLY:-.}"
WORK="${WORK:-$ROOT/bench/out/churn-robustness-$SIZE}"
TARGET_ORACLE_RATIO=0.97
ORDERS_MAP="event_id=order_id,customer_id=customer_id,ts=ordered_at,amount=amount,category=category,channel=channel"

mkdir -p "$WORK"
RUNS="$WORK/runs.tsv"
: >"$RUNS"
cd "$ROOT"
warm_build
echo "== churn-robustness: SIZE=$SIZE, work $WORK ($(load))"

wanted() { [[ "$1" =~ $ONLY ]]; }

# generate NAME OPTIONS...: generated data in $WORK/gen-NAME (reused unless FRESH=1); sets GEN.
generate() {
  local name="$1"
  shift
  GEN="$WORK/gen-$name"
  if [[ "${FRESH:-0}" == 1 || ! -f "$GEN/.complete" ]]; then
    rm -rf "$GEN" "$GEN.tmp"
    ./treue generate "$@" --out "$GEN.tmp"
    touch "$GEN.tmp/.complete" && mv "$GEN.tmp" "$GEN"
  else
    echo "reusing $GEN (FRESH=1 regenerates)"
  fi
}

# train NAME DATA [TRAIN OPTIONS...]: train churn into a fresh registry of its own and record the
# run (name, dataset, metrics.json or the reason it stopped, seconds) in $RUNS.
train() {
  local name="$1" data="$2"
  shift 2
  local registry="$WORK/registry-$name" log="$WORK/train-$name.log" t rc version metrics
  rm -rf "$registry" "$WORK/train-$name"
  echo
  echo "== $name: train churn --data $data $*"
  t=$(now)
  set +e
  ./treue train churn --data "$data" --registry "$registry" --work "$WORK/train-$name" "$@" 2>&1 \
    | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  version=$(sed -n 's/^Model version: \([^ ]*\).*/\1/p' "$log" | tail -1)
  metrics="$registry/churn/$version/metrics.json"
  if [[ $rc -ne 0 || -z "$version" || ! -f "$metrics" ]]; then
    # The command's own words on why it stopped: its last non-empty line.
    metrics="stopped (exit $rc): $(grep -v '^\s*$' "$log" | tail -1 | tr '\t' ' ')"
  fi
  printf '%s\t%s\t%s\n' "$name" "$metrics" "$(elapsed "$t")" >>"$RUNS"
}

# 1. CDNOW: import once, train at each cutoff.
if wanted cdnow; then
  if [[ -f "$CDNOW" ]]; then
    rm -rf "$WORK/cdnow"
    ./treue import cdnow --in "$CDNOW" --out "$WORK/cdnow"
    for spec in $CDNOW_CUTOFFS; do
      train "cdnow-${spec%%:*}-h${spec##*:}" "$WORK/cdnow" --cutoff "${spec%%:*}" --horizon "${spec##*:}"
    done
  else
    printf 'cdnow\tstopped: %s not found (set CDNOW)\t0\n' "$CDNOW" >>"$RUNS"
  fi
fi

# 2. The generated programme, default settings, two seeds.
for seed in $SEEDS; do
  if wanted "programme-seed$seed"; then
    generate "programme-${MEMBERS}-seed$seed" --customers "$MEMBERS" --seed "$seed"
    train "programme-seed$seed" "$GEN"
  fi
done

# 3. Small and short: 13 months whose events start with the history (no warm-up year before it).
if wanted short; then
  generate "short-$SHORT_MEMBERS" --customers "$SHORT_MEMBERS" --months 13 --warmup-days 0
  train short "$GEN"
fi

# 4. Purchases only, as a plain shop export through import transactions; truth.csv beside it.
if wanted purchases-only; then
  generate "purchases-only-$SHOP_MEMBERS" --customers "$SHOP_MEMBERS" --purchases-only
  rm -rf "$WORK/purchases-only"
  ./treue import transactions --in "$GEN/orders.csv" --out "$WORK/purchases-only" --map "$ORDERS_MAP"
  cp "$GEN/truth.csv" "$WORK/purchases-only/"
  train purchases-only "$WORK/purchases-only"
fi

# 5. 60% of members buy only once.
if wanted one-time; then
  generate "one-time-$SHOP_MEMBERS" --customers "$SHOP_MEMBERS" --one-time-share 0.6
  train one-time "$GEN"
fi

echo
echo "== churn-robustness results (SIZE=$SIZE, $(load))"
python3 - "$RUNS" "$TARGET_ORACLE_RATIO" "$WORK/figures.txt" <<'PY' | tee "$WORK/table.txt"
import json, math, sys

runs, target, figures = sys.argv[1], float(sys.argv[2]), open(sys.argv[3], "w")

def f4(v):
    return "-" if v is None else f"{v:.4f}"

def verdict(ok):
    return "-" if ok is None else ("PASS" if ok else "MISS")

header = ["run", "valid rows", "active", "model AUC", "log loss", "base LL", "best baseline",
          "base AUC", "oracle AUC", "beats base", ">=0.97 oracle", "LL < base", "train s",
          "lapsed", "win-back AUC", "recency (lapsed)"]
rows, notes = [], []
for line in open(runs):
    name, where, seconds = line.rstrip("\n").split("\t")
    if not where.endswith("metrics.json"):
        rows.append([name] + ["-"] * 8 + ["MISS", "-", "MISS", seconds] + ["-"] * 3)
        notes.append(f"{name}: {where}")
        print(f"figure {name} stopped {where}", file=figures)
        continue
    m = json.load(open(where))
    auc, ll = m.get("auc"), m.get("log_loss")
    p = m.get("validation_base_rate", m.get("base_rate"))
    base_ll = None if p is None or p <= 0 or p >= 1 else -(p * math.log(p) + (1 - p) * math.log(1 - p))
    baselines = m.get("baselines", {})
    rules = {n: b.get("auc") for n, b in baselines.items() if n != "oracle" and b.get("auc") is not None}
    best = max(rules, key=rules.get) if rules else None
    oracle = baselines.get("oracle", {}).get("auc")
    active = (m.get("population") or {}).get("active")
    beats = None if best is None or auc is None else auc > rules[best]
    near_oracle = None if oracle is None or auc is None else auc >= target * oracle
    below_base = None if base_ll is None or ll is None else ll < base_ll
    rows.append([name, str(m.get("n_valid", "-")), "-" if active is None else str(active), f4(auc), f4(ll),
                 f4(base_ll), best or "-", f4(rules.get(best)), f4(oracle), verdict(beats),
                 verdict(near_oracle), verdict(below_base), seconds])
    win_back = m.get("win_back") or {}
    win_back_auc = win_back.get("auc") or {}
    list_auc, recency_auc = win_back_auc.get("win_back_value"), win_back_auc.get("recency")
    rows[-1] += [str(win_back.get("n", "-")), f4(list_auc), f4(recency_auc)]
    print(f"figure {name}_auc {f4(auc)} n_valid={m.get('n_valid')} active={active} "
          f"cutoff={m.get('validation_cutoff')} horizon={m.get('horizon_days')} chosen={m.get('chosen_model')}",
          file=figures)
    print(f"figure {name}_log_loss {f4(ll)} base_rate_log_loss={f4(base_ll)} {verdict(below_base)}", file=figures)
    print(f"figure {name}_best_baseline_auc {f4(rules.get(best))} {best} {verdict(beats)}", file=figures)
    if oracle is not None:
        print(f"figure {name}_oracle_auc {f4(oracle)} ratio={auc / oracle:.4f} {verdict(near_oracle)}",
              file=figures)
    if list_auc is not None:
        print(f"figure {name}_win_back_auc {f4(list_auc)} recency={f4(recency_auc)} "
              f"lapsed={win_back.get('n')} return_rate={f4(win_back.get('return_rate'))}", file=figures)
widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
for r in rows:
    print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
for n in notes:
    print(n)
PY
while read -r _ name value rest; do
  figure "$name" "$value" "$rest"
done <"$WORK/figures.txt"
echo "Table in $WORK/table.txt; summary appended to $SUMMARY"
