#!/usr/bin/env bash
# Whole job vs the seed on a CIFAR-like colour set, in one invocation, same machine, cores, input.
#
#   bench/job_vs_seed_rgb.sh [SAMPLES] [CORES] [SIDE] [EPOCHS] [WARM]
#   (defaults: 50000 samples, all cores, 32x32, 10 epochs of which the first 3 warm up)
#
# 1. writes SAMPLES RGB SIDExSIDE uint8 images + int64 labels (dev.preaug.core.demo.DemoColour,
#    10 classes, via dev.preaug.bench.ColourSet);
# 2. runs the seed's pipeline on them in colour (bench/seed_baseline_rgb.py: Pillow on mode RGB +
#    mp.Pool over shared memory, CORES processes, the seed's recipe with resize sizes scaled to
#    the side, 2 passes);
# 3. runs preaug's whole job (read -> augment -> exchange -> write NPY shards) on local[CORES] over
#    the same arrays with the same recipe (the override below), EPOCHS epochs, counting those
#    after the first WARM (an epoch of 50,000 small images takes seconds, so the JIT is still
#    warming up in epochs 2 and 3), 0 original + 1 augmented copy so both sides produce one
#    augmented image per sample: with the shuffle exchange and the direct one (the default auto's pick here);
# 4. prints both rates and the ratios.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
SAMPLES="${1:-50000}"
CORES="${2:-$(nproc)}"
SIDE="${3:-32}"
EPOCHS="${4:-10}"
WARM="${5:-3}"
WORK="${PREAUG_BENCH_DIR:-$HERE/bench/results/job-rgb}"
PY=/usr/bin/python3
case "$SIDE" in
  64) LO=25; HI=63 ;;
  *) LO=$(( SIDE * 3 / 8 )); HI=$(( SIDE - 1 )) ;;
esac
SCALE="resize_paste(w=randrange($LO, $HI), h=randrange($LO, $HI), ox=fit, oy=fit)"
mkdir -p "$WORK/data"
./mvnw -q -B -o -DskipTests -pl bench/jmh,spark-job -am package >&2
X="$WORK/data/colour-$SAMPLES-$SIDE-images.npy"
Y="$WORK/data/colour-$SAMPLES-$SIDE-labels.npy"
[[ -s "$X" && -s "$Y" ]] || java -cp bench/jmh/target/benchmarks.jar dev.preaug.bench.ColourSet \
  "$X" "$Y" "$SAMPLES" "$SIDE" 1

echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "== seed: Pillow (mode RGB) + mp.Pool, $CORES processes, $SAMPLES samples" >&2
LOAD_SEED_0=$(cut -d' ' -f1 /proc/loadavg)
SEED_JSON=$($PY bench/seed_baseline_rgb.py --processes "$CORES" --images "$X" --labels "$Y" \
  --repeat 2 --json)
LOAD_SEED_1=$(cut -d' ' -f1 /proc/loadavg)

run_preaug() { # name, extra args...
  local name="$1"; shift
  rm -rf "$WORK/out-$name" "$WORK/$name.jsonl"
  ./submit.sh --master "local[$CORES]" run --images "$X" --labels "$Y" \
    --output "$WORK/out-$name" --epochs "$EPOCHS" --shards 64 --seed 1 --progress none \
    --summary-json "$WORK/$name.jsonl" --set "recipe.geometry.scale=$SCALE" "$@" >&2
}
echo "== preaug: local[$CORES], 0 original + 1 augmented copy, NPY, shuffle exchange" >&2
run_preaug aug --copies-original 0 --copies-augmented 1 --format npy --exchange shuffle
LOAD_AUG=$(cut -d' ' -f1 /proc/loadavg)
echo "== preaug: local[$CORES], 0 original + 1 augmented copy, NPY, direct exchange" >&2
run_preaug direct --copies-original 0 --copies-augmented 1 --format npy --exchange direct
LOAD_DIRECT=$(cut -d' ' -f1 /proc/loadavg)
rm -rf "$WORK/out-aug" "$WORK/out-direct"

SEED_JSON="$SEED_JSON" WORK="$WORK" CORES="$CORES" SCALE="$SCALE" WARM="$WARM" \
LOADS="$LOAD_SEED_0 $LOAD_SEED_1 $LOAD_AUG $LOAD_DIRECT" $PY - <<'PYEOF'
import json, os
seed = json.loads(os.environ["SEED_JSON"])
def epochs(name):
    rows = [json.loads(l) for l in open(os.path.join(os.environ["WORK"], name + ".jsonl"))]
    rows = [r for r in rows
            if r["event"] == "epoch_published" and r["epoch"] >= int(os.environ["WARM"])]
    secs = sum(r["seconds"] for r in rows)
    return {"records_per_s": sum(r["records"] for r in rows) / secs,
            "augmented_per_s": sum(r["augmented_records"] for r in rows) / secs,
            "mb_per_s": sum(r["bytes"] for r in rows) / secs / 1e6}
aug, direct = epochs("aug"), epochs("direct")
s = seed["images_per_s"]
loads = os.environ["LOADS"].split()
print(f"machine: {seed['cpu_count']} CPUs, {seed['machine']}; cores used: {os.environ['CORES']}")
print(f"preaug: epochs {os.environ['WARM']}.. counted; input: {seed['samples']} RGB {seed['shape'][0]}x{seed['shape'][1]} uint8; "
      f"recipe.geometry.scale = {os.environ['SCALE']}")
print(f"{'pipeline':<48}{'aug img/s':>12}{'MB/s':>9}{'vs seed':>9}{'load (1 min)':>14}")
print(f"{'seed: Pillow RGB + mp.Pool (in memory only)':<48}{s:>12,.0f}{'':>9}{1.0:>9.1f}"
      f"{loads[0] + '/' + loads[1]:>14}")
for label, r, load in (("preaug: 0+1 copies, NPY, shuffle exchange", aug, loads[2]),
                       ("preaug: 0+1 copies, NPY, direct exchange", direct, loads[3])):
    print(f"{label:<48}{r['augmented_per_s']:>12,.0f}{r['mb_per_s']:>9.0f}"
          f"{r['augmented_per_s'] / s:>9.1f}{load:>14}")
print(json.dumps({"seed_images_per_s": s, "preaug_aug": aug, "preaug_direct": direct,
                  "loads_1min": loads, "cores": int(os.environ["CORES"])}))
PYEOF
