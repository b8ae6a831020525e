#!/usr/bin/env bash
# The materialize write stage against a standalone writer, in one run (./treue bench materialize):
# N members generated and replayed once, a churn model trained on a separate TRAIN_N-member
# programme scores the at-risk list; then the Spark write stage and the same PartitionWriter in plain
# threads (one per core) write the same encoded rows into a Redis of the script's own (emptied
# before every write), twice each, the second round reported. Target (issue 17): 100,000 members/s.
#
# Env: N (200000), TRAIN_N (20000), REDIS_PORT (6395), WORK (bench/out/materialize-N), REUSE=1 to keep
#      data and model from a previous run, BATCH members per pipeline (the
#      command's own default when unset).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=materialize
source "$ROOT/bench/lib.sh"

N="${N:-200000}"
TRAIN_N="${TRAIN_N:-20000}"
REDIS_PORT="${REDIS_PORT:-6395}"
WORK="${WORK:-$ROOT/bench/out/materialize-$N}"
BATCH="${BATCH:-}"
cd "$ROOT"
warm_build
mkdir -p "$WORK/logs"
END=$(date -u -d yesterday +%F)

command -v redis-server >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; }
trap 'redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true' EXIT
redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --logfile "$WORK/logs/redis.log"
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done

echo "== materialize benchmark: $N members, model trained on $TRAIN_N ($(load))"
if [[ "${REUSE:-0}" != 1 || ! -d "$WORK/data" || ! -d "$WORK/models" ]]; then
  rm -rf "$WORK/data" "$WORK/train-data" "$WORK/models"
  ./treue generate --customers "$N" --end "$END" --seed 42 --out "$WORK/data" | tail -1
  ./treue generate --customers "$TRAIN_N" --end "$END" --seed 7 --out "$WORK/train-data" | tail -1
  ./treue train churn --data "$WORK/train-data" --registry "$WORK/models" --work "$WORK/work" \
    --train-cutoffs 6 | tail -1
fi
./treue bench materialize --data "$WORK/data" --redis "redis://127.0.0.1:$REDIS_PORT" \
  --registry "$WORK/models" --work "$WORK/work" ${BATCH:+--batch "$BATCH"} | tee "$WORK/logs/bench.log"
echo "($(load) at the end; the machine may be shared: compare the ratio, not the absolute rates)"
sed -n 's/^bench\.materialize\.\([^=]*\)=\(.*\)/\1 \2/p' "$WORK/logs/bench.log" | while read -r k v; do
  figure "$k" "$v" "N=$N batch=${BATCH:-default}"
done
