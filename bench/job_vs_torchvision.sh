#!/usr/bin/env bash
# preaug's whole job against torchvision's DataLoader on a CIFAR-like set, one invocation, same
# machine, same cores, same images (issue 14 item 4):
#
#   bench/job_vs_torchvision.sh [SAMPLES] [CORES] [EPOCHS] [WARM]
#   (defaults: 50000 samples, 2 cores; the steady-state runs write 8 epochs, counting those
#    from epoch 3 on)
#
# 1. writes SAMPLES RGB 32x32 uint8 images + int64 labels (dev.preaug.bench.ColourSet, seed 1:
#    the set bench/job_vs_seed_rgb.sh uses; kept under $PREAUG_BENCH_DIR, default
#    bench/results/job-tv);
# 2. torchvision (bench/torchvision_loader.py): a Dataset over the images in memory (PIL image per
#    __getitem__, as torchvision's CIFAR10), T.Compose([RandomCrop(32, padding=4),
#    RandomHorizontalFlip(), RandAugment(num_ops=2, magnitude=9), PILToTensor()]), a DataLoader
#    with num_workers=CORES, batch 256, shuffled, one pass. It produces augmented uint8 tensors
#    in memory and writes nothing;
# 3. preaug on local[CORES] over the same NPY with the same pipeline (recipe.pipeline), 0
#    original + 1 augmented copy per sample, so an epoch holds SAMPLES records, each augmented
#    once; NPY shards (64) written to disk with SHA-256, manifest, _SUCCESS. First one epoch per
#    command, timed from the shell around ./submit.sh (JVM and Spark start-up, input fingerprint,
#    everything until the process exits), with --exchange shuffle and --exchange direct (the
#    default auto's pick for local NPY); then EPOCHS epochs per command, the rate of epochs >= WARM from --summary-json (the
#    steady state of a nightly job writing many epochs);
# 4. prints images/s and the ratios preaug / torchvision.
#
# PREAUG_TV_RECIPE=steps runs preaug with a step recipe of the same ops instead (crop, flip with
# probability 0.5, two steps drawing one of RandAugment's 13 non-identity ops at magnitude 9),
# for builds that do not have recipe.pipeline yet; its draws are not torchvision's.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
SAMPLES="${1:-50000}"
CORES="${2:-2}"
EPOCHS="${3:-8}"
WARM="${4:-3}"
SIDE=32
WORK="${PREAUG_BENCH_DIR:-$HERE/bench/results/job-tv}"
PY=/usr/bin/python3
PIPELINE='RandomCrop(32, padding=4) | RandomHorizontalFlip() | RandAugment(num_ops=2, magnitude=9)'
if [[ "${PREAUG_TV_RECIPE:-pipeline}" == steps ]]; then
  RA_OPS=(shx shy tx ty rot bri col con sha pos sol ac eq)
  RA=(
    "shx=affine(angle=0, tx=0, ty=0, scale=1, shx=choice(-5.142764, 5.142764), shy=0, interpolation=nearest, fill=0)"
    "shy=affine(angle=0, tx=0, ty=0, scale=1, shx=0, shy=choice(-5.142764, 5.142764), interpolation=nearest, fill=0)"
    "tx=affine(angle=0, tx=choice(-4, 4), ty=0, scale=1, shx=0, shy=0, interpolation=nearest, fill=0)"
    "ty=affine(angle=0, tx=0, ty=choice(-4, 4), scale=1, shx=0, shy=0, interpolation=nearest, fill=0)"
    "rot=rotate(angle=choice(-9, 9))"
    "bri=brightness(factor=choice(0.73, 1.27))"
    "col=saturation(factor=choice(0.73, 1.27))"
    "con=contrast(factor=choice(0.73, 1.27))"
    "sha=sharpness(factor=choice(0.73, 1.27))"
    "pos=posterize(bits=7)"
    "sol=solarize(threshold=178.5)"
    "ac=autocontrast"
    "eq=equalize")
  RECIPE_ARGS=(--set 'recipe.steps=crop, flip, op1, op2' --set 'recipe.crop.choices=pad'
    --set 'recipe.crop.pad=pad_crop(pl=4, pt=4, pr=4, pb=4, mode=constant, top=randint(0, 8), left=randint(0, 8), h=H, w=W, fill=0)'
    --set 'recipe.flip.probability=0.5' --set 'recipe.flip.choices=h' --set 'recipe.flip.h=hflip')
  for step in op1 op2; do
    RECIPE_ARGS+=(--set "recipe.$step.choices=$(IFS=,; echo "${RA_OPS[*]}")")
    for o in "${RA[@]}"; do
      RECIPE_ARGS+=(--set "recipe.$step.$o")
    done
  done
  RECIPE_TEXT="step recipe: pad_crop 4 | hflip p=0.5 | 2 x one of RandAugment's 13 non-identity ops at magnitude 9"
else
  RECIPE_ARGS=(--set "recipe.pipeline=$PIPELINE")
  RECIPE_TEXT="recipe.pipeline = $PIPELINE"
fi
mkdir -p "$WORK/data"
./mvnw -q -B -o -DskipTests -pl bench/jmh,spark-job -am package >&2
X="$WORK/data/colour-$SAMPLES-$SIDE-images.npy"
Y="$WORK/data/colour-$SAMPLES-$SIDE-labels.npy"
[[ -s "$X" && -s "$Y" ]] || java -cp bench/jmh/target/benchmarks.jar dev.preaug.bench.ColourSet \
  "$X" "$Y" "$SAMPLES" "$SIDE" 1
load() { cut -d' ' -f1 /proc/loadavg; }
now() { date +%s.%N; }
START="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"

echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "== torchvision: DataLoader, $CORES workers, $SAMPLES samples, one pass" >&2
L0=$(load); T0=$(now)
TV_JSON=$($PY bench/torchvision_loader.py --images "$X" --labels "$Y" --workers "$CORES" --json)
T1=$(now); L1=$(load)
TV_WALL=$(echo "$T1 - $T0" | bc)

run_preaug() { # name epochs extra args...
  local name="$1" epochs="$2"; shift 2
  rm -rf "$WORK/out-$name" "$WORK/$name.jsonl"
  ./submit.sh --master "local[$CORES]" run --images "$X" --labels "$Y" \
    --output "$WORK/out-$name" --epochs "$epochs" --shards 64 --seed 1 --progress none \
    --format npy --copies-original 0 --copies-augmented 1 \
    --summary-json "$WORK/$name.jsonl" "${RECIPE_ARGS[@]}" "$@" >&2
}
ROWS=""
for ex in shuffle direct; do
  echo "== preaug: local[$CORES], 1 epoch, $ex exchange, whole command" >&2
  l0=$(load); t0=$(now)
  run_preaug "one-$ex" 1 --exchange "$ex"
  t1=$(now); l1=$(load)
  ROWS+="one-$ex $(echo "$t1 - $t0" | bc) $l0 $l1"$'\n'
  rm -rf "$WORK/out-one-$ex"
done
for ex in shuffle direct; do
  echo "== preaug: local[$CORES], $EPOCHS epochs, $ex exchange" >&2
  l0=$(load); t0=$(now)
  run_preaug "many-$ex" "$EPOCHS" --exchange "$ex"
  t1=$(now); l1=$(load)
  ROWS+="many-$ex $(echo "$t1 - $t0" | bc) $l0 $l1"$'\n'
  rm -rf "$WORK/out-many-$ex"
done

TV_JSON="$TV_JSON" TV_WALL="$TV_WALL" TV_LOADS="$L0 $L1" ROWS="$ROWS" WORK="$WORK" \
CORES="$CORES" WARM="$WARM" EPOCHS="$EPOCHS" SAMPLES="$SAMPLES" START="$START" \
RECIPE_TEXT="$RECIPE_TEXT" $PY - <<'PYEOF'
import json, os
tv = json.loads(os.environ["TV_JSON"])
n, warm = int(os.environ["SAMPLES"]), int(os.environ["WARM"])
rows = {}
for line in os.environ["ROWS"].splitlines():
    name, secs, l0, l1 = line.split()
    rows[name] = (float(secs), f"{l0}/{l1}")
def epochs(name, first):
    rs = [json.loads(l) for l in open(os.path.join(os.environ["WORK"], name + ".jsonl"))]
    rs = [r for r in rs if r["event"] == "epoch_published" and r["epoch"] >= first]
    assert rs and all(r["records"] == n and r["augmented_records"] == n for r in rs), rs
    secs = sum(r["seconds"] for r in rs)
    return sum(r["records"] for r in rs) / secs, sum(r["bytes"] for r in rs) / secs / 1e6
tv_pass, tv_proc = tv["images_per_s"], n / float(os.environ["TV_WALL"])
print(f"started {os.environ['START']}; {tv['cpu_count']} CPUs; cores used: {os.environ['CORES']}; "
      f"Python {tv['python']}, torch {tv['torch']}, torchvision {tv['torchvision']}, "
      f"Pillow {tv['pillow']}")
print(f"input: {n} RGB 32x32 uint8 (DemoColour); preaug {os.environ['RECIPE_TEXT']}; "
      f"0 original + 1 augmented copy = {n} records per epoch, NPY, 64 shards")
print(f"{'':<58}{'seconds':>9}{'img/s':>10}{'ratio':>7}{'load 1m':>11}")
tl = os.environ["TV_LOADS"].replace(" ", "/")
print(f"{'torchvision DataLoader, one pass (tensors in memory)':<58}"
      f"{tv['pass_seconds']:>9.2f}{tv_pass:>10,.0f}{1.0:>7.1f}{tl:>11}")
print(f"{'torchvision, whole process (python start -> last batch)':<58}"
      f"{float(os.environ['TV_WALL']):>9.2f}{tv_proc:>10,.0f}{1.0:>7.1f}{tl:>11}")
out = {"torchvision": tv, "torchvision_process_seconds": float(os.environ["TV_WALL"])}
for ex in ("shuffle", "direct"):
    secs, load = rows[f"one-{ex}"]
    rate = n / secs
    out[f"preaug_one_epoch_{ex}"] = {"seconds": secs, "images_per_s": rate, "load": load}
    print(f"{'preaug, 1 epoch, ' + ex + ', whole command (shards on disk)':<58}"
          f"{secs:>9.2f}{rate:>10,.0f}{rate / tv_proc:>7.1f}{load:>11}")
for ex in ("shuffle", "direct"):
    secs, load = rows[f"many-{ex}"]
    rate, mb = epochs(f"many-{ex}", warm)
    out[f"preaug_steady_{ex}"] = {"images_per_s": rate, "mb_per_s": mb, "load": load,
                                  "command_seconds": secs}
    label = f"preaug, epochs {warm}..{int(os.environ['EPOCHS']) - 1} of one run, {ex}"
    print(f"{label:<58}{'':>9}{rate:>10,.0f}{rate / tv_pass:>7.1f}{load:>11}")
print("ratio: preaug img/s / torchvision img/s; whole-command rows against the whole python "
      "process, steady-state rows against the DataLoader pass")
print(json.dumps(out))
PYEOF
