#!/usr/bin/env bash
# End to end at scale: generate N members x MONTHS months, import them (./treue validate --out:
# validated once into Parquet, IMPORT=0 to let every job read and validate the CSV itself), train
# churn, score every member and materialize them into a local redis-server (MATERIALIZE=0 to skip),
# all with at most an 8 GiB heap, against the issue-17 target of 5 minutes for the whole chain; each
# stage's events/s is the data's events over the stage's wall time. Then the feature job benchmark
# (./treue bench features) on the same data for events/s (not in the total).
#
# Env: N (members, 1000000), MONTHS (24), SEED (42), TREUE_HEAP (8g), WORK (bench/out/scale-N),
#      FEATURES=0 to skip the feature benchmark, FEATURE_CUTOFFS (1,6), FEATURE_RUNS (3, the first a
#      warm-up), KEEP_DATA=1 to keep the generated data afterwards (it is several GB at 1M members),
#      IMPORT (1), MATERIALIZE (1), REDIS_PORT (6397), ONE_PASS (1: materialize --lists writes the
#      member lists from the rows it loads, as a nightly job would, instead of a separate score
#      stage replaying every member again; 0 for the two commands, as before 2026-12-07).
# The summary also shows train churn's phases (snapshots, lifetime fits, backtest, final fit) as it
# prints them. Figures are appended to $SUMMARY (bench/out/summary.txt).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=scale
source "$ROOT/bench/lib.sh"

N="${N:-1000000}"
MONTHS="${MONTHS:-24}"
SEED="${SEED:-42}"
export TREUE_HEAP="${TREUE_HEAP:-8g}"
WORK="${WORK:-$ROOT/bench/out/scale-$N}"
FEATURES="${FEATURES:-1}"
FEATURE_CUTOFFS="${FEATURE_CUTOFFS:-1,6}"
IMPORT="${IMPORT:-1}"
MATERIALIZE="${MATERIALIZE:-1}"
ONE_PASS="${ONE_PASS:-1}"
[[ "$MATERIALIZE" == 1 ]] || ONE_PASS=0
REDIS_PORT="${REDIS_PORT:-6397}"
TARGET_S=300

DATA="$WORK/data"
LOGS="$WORK/logs"
cd "$ROOT"
warm_build
rm -rf "$WORK"
mkdir -p "$LOGS"

TIME_V=()
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
  TIME_V=(/usr/bin/time -v)
else
  echo "(no GNU time: peak RSS not measured; apt-get install -y time)"
fi

# stage NAME CMD...: runs CMD, its output to the terminal and $LOGS/NAME.log; sets STAGE_S and STAGE_RSS_MIB.
stage() {
  local name="$1"
  shift
  echo
  echo "-- $name: $*"
  local t
  t=$(now)
  if ((${#TIME_V[@]})); then
    "${TIME_V[@]}" -o "$LOGS/$name.time" "$@" 2>&1 | tee "$LOGS/$name.log"
    STAGE_RSS_MIB=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$LOGS/$name.time")
  else
    "$@" 2>&1 | tee "$LOGS/$name.log"
    STAGE_RSS_MIB=-
  fi
  STAGE_S=$(elapsed "$t")
  echo "-- $name: $STAGE_S s, peak RSS $STAGE_RSS_MIB MiB"
}

echo "== scale: $N members x $MONTHS months, seed $SEED, heap $TREUE_HEAP ($(load))"
stage generate ./treue generate --customers "$N" --months "$MONTHS" --seed "$SEED" --out "$DATA"
GEN_S=$STAGE_S GEN_RSS=$STAGE_RSS_MIB
EVENTS=$(sed -n 's/.* members, \([0-9,]*\) events .*/\1/p' "$LOGS/generate.log" | tr -d , | tail -1)
# the jobs read JOB_DATA: the imported folder, or the generated CSV when IMPORT=0
JOB_DATA="$DATA"
if [[ "$IMPORT" == 1 ]]; then
  JOB_DATA="$WORK/imported"
  stage import ./treue validate --data "$DATA" --out "$JOB_DATA" --rejects "$WORK/work/rejects"
  IMPORT_S=$STAGE_S IMPORT_RSS=$STAGE_RSS_MIB
else
  IMPORT_S=0 IMPORT_RSS=-
fi
stage train ./treue train churn --data "$JOB_DATA" --registry "$WORK/registry" --work "$WORK/work"
TRAIN_S=$STAGE_S TRAIN_RSS=$STAGE_RSS_MIB
LISTS=()
if [[ "$ONE_PASS" == 1 ]]; then
  SCORE_S=0 SCORE_RSS=-
  LISTS=(--lists "$WORK/atrisk.csv")
else
  stage score ./treue score --data "$JOB_DATA" --registry "$WORK/registry" --out "$WORK/atrisk.csv" --work "$WORK/work"
  SCORE_S=$STAGE_S SCORE_RSS=$STAGE_RSS_MIB
fi
if [[ "$MATERIALIZE" == 1 ]]; then
  command -v redis-server >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; }
  trap 'redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true' EXIT
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --logfile "$LOGS/redis.log"
  until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done
  stage materialize ./treue materialize --data "$JOB_DATA" --redis "redis://127.0.0.1:$REDIS_PORT" \
    --tenant scale --registry "$WORK/registry" --work "$WORK/work" --no-kpis "${LISTS[@]}"
  MAT_S=$STAGE_S MAT_RSS=$STAGE_RSS_MIB
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
else
  MAT_S=0 MAT_RSS=-
fi
SCORE_ROWS_S=-
if [[ -f "$LOGS/score.log" ]]; then
  SCORE_ROWS_S=$(sed -n 's/.*(\([0-9,]*\) rows\/s).*/\1/p' "$LOGS/score.log" | tr -d , | tail -1)
fi
TOTAL_S=$(python3 -c 'import sys; print(f"{sum(map(float, sys.argv[1:])):.1f}")' "$GEN_S" "$IMPORT_S" "$TRAIN_S" "$SCORE_S" "$MAT_S")
VERDICT=$(python3 -c 'import sys; print("PASS" if float(sys.argv[1]) <= float(sys.argv[2]) else "MISS")' "$TOTAL_S" "$TARGET_S")
AUC=$(awk '$1 == "model" {print $2}' "$LOGS/train.log" | tail -1)
# train churn's phases, as it prints them: where a long training's time went.
train_phase() { sed -n "s/$1/\1/p" "$LOGS/train.log" | tail -1; }
TRAIN_PHASES="snapshots $(train_phase '^Snapshots: .* in \([0-9.]*\) s$') s, lifetime fits $(train_phase '^Lifetime models fitted in \([0-9.]*\) s$') s, backtest $(train_phase '^Backtest took \([0-9.]*\) s$') s, final fit $(train_phase '.* trained on [0-9,]* rows in \([0-9.]*\) s.*') s"

if [[ "$FEATURES" == 1 ]]; then
  stage features ./treue bench features --data "$DATA" --cutoffs "$FEATURE_CUTOFFS" \
    --runs "${FEATURE_RUNS:-3}" --work "$WORK/work"
  FEAT_S=$STAGE_S FEAT_RSS=$STAGE_RSS_MIB
fi
END_LOAD=$(load)
[[ "${KEEP_DATA:-0}" == 1 ]] || rm -rf "$DATA" "$WORK/imported"

echo
echo "== scale results: $N members x $MONTHS months, ${EVENTS:-?} events, heap $TREUE_HEAP ($END_LOAD at the end)"
# events_per_s SECONDS: the data's events over a stage's wall time.
events_per_s() { python3 -c 'import sys; e, s = sys.argv[1:]; print(f"{float(e) / float(s):,.0f}" if e.isdigit() and float(s) > 0 else "-")' "${EVENTS:--}" "$1"; }
printf '  %-34s %10s  %12s  %s\n' stage seconds "events/s" "peak RSS MiB"
printf '  %-34s %10s  %12s  %s\n' generate "$GEN_S" "$(events_per_s "$GEN_S")" "$GEN_RSS" \
  "import (validate --out)" "$IMPORT_S" "$(events_per_s "$IMPORT_S")" "$IMPORT_RSS" \
  "train churn" "$TRAIN_S" "$(events_per_s "$TRAIN_S")" "$TRAIN_RSS" \
  "$([[ "$ONE_PASS" == 1 ]] && echo "score (in materialize --lists)" || echo score)" "$SCORE_S" "$(events_per_s "$SCORE_S")" "$SCORE_RSS" \
  "$([[ "$ONE_PASS" == 1 ]] && echo "materialize --lists (one replay)" || echo materialize)" "$MAT_S" "$(events_per_s "$MAT_S")" "$MAT_RSS"
printf '  %-34s %s\n' "  train churn's phases" "$TRAIN_PHASES"
printf '  %-34s %10s  target <= %s s (5 min): %s\n' "total (generate..materialize)" "$TOTAL_S" "$TARGET_S" "$VERDICT"
printf '  %-34s %10s\n' "model AUC (validation)" "${AUC:--}"
printf '  %-34s %10s\n' "scoring rows/s" "${SCORE_ROWS_S:--}"
figure generate_seconds "$GEN_S" "N=$N peak_rss_mib=$GEN_RSS"
figure import_seconds "$IMPORT_S" "N=$N peak_rss_mib=$IMPORT_RSS"
figure train_seconds "$TRAIN_S" "N=$N peak_rss_mib=$TRAIN_RSS"
figure score_seconds "$SCORE_S" "N=$N peak_rss_mib=$SCORE_RSS"
figure materialize_seconds "$MAT_S" "N=$N peak_rss_mib=$MAT_RSS one_pass=$ONE_PASS"
figure total_seconds "$TOTAL_S" "N=$N target<=$TARGET_S $VERDICT"
figure events "${EVENTS:--}" "N=$N"
figure model_auc "${AUC:--}" "N=$N"
figure score_rows_per_s "${SCORE_ROWS_S:--}" "N=$N"
if [[ "$FEATURES" == 1 ]]; then
  printf '  %-34s %10s  %s (read+validate+cache excluded from the job times)\n' "feature benchmark (whole command)" "$FEAT_S" "$FEAT_RSS"
  sed -n 's/^bench\.features\.\([^=]*\)=\(.*\)/\1 \2/p' "$LOGS/features.log" | while read -r k v; do
    printf '    %-32s %10s\n' "$k" "$v"
    figure "features.$k" "$v" "N=$N"
  done
fi
echo "Logs: $LOGS; summary appended to $SUMMARY"
