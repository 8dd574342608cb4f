#!/usr/bin/env bash
# Whole job vs the seed, in one invocation, on the same machine, cores and input.
#
#   bench/job_vs_seed.sh [SAMPLES] [CORES] [ROUNDS]   (defaults: 100000 samples, all cores, 3)
#
# The seed and the three preaug runs repeat in that order ROUNDS times; every
# ratio is taken within its round (the seed run minutes apart from its preaug runs), and the
# medians of the rounds' ratios are the headline. On a shared VM both sides drift by 20 % within
# half an hour, so one round (ROUNDS=1) settles little.
#
# 1. makes a float16 glyph dataset (./submit.sh demo --data-only), the seed's input format;
# 2. runs the seed's own pipeline (bench/seed_baseline.py --mode pool: Pillow + mp.Pool over
#    shared memory, CORES processes) over it;
# 3. runs preaug's whole job (read -> augment -> global shuffle -> write NPY shards) on
#    local[CORES] over the same arrays, 5 epochs, counting epochs 2..4 (the first two warm the
#    JIT up), with 0 original + 1 augmented copy, so both sides produce one augmented image per
#    sample: once with each exchange (shuffle, and direct, which the default auto picks for
#    these local NPY files); then with the default 1 + 1 copies and both formats;
# 4. measures the disk's sequential write bandwidth with dd (through the page cache, and with
#    direct I/O), and prints the ratios.
# An "image" is one input sample augmented by the seed's recipe (one distort_sample call).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
SAMPLES="${1:-100000}"
CORES="${2:-$(nproc)}"
ROUNDS="${3:-3}"
WORK="${PREAUG_BENCH_DIR:-$HERE/bench/results/job}"
PY=/usr/bin/python3
mkdir -p "$WORK"
PER_CLASS=$(( (SAMPLES + 999) / 1000 ))
./submit.sh demo --data-only --dir "$WORK/data" --classes 1000 --per-class "$PER_CLASS" >/dev/null
X="$WORK/data/input/kanji-demo-images.npy"
Y="$WORK/data/input/kanji-demo-labels.npy"
N=$((1000 * PER_CLASS))

run_preaug() { # name, extra args...
  local name="$1"; shift
  rm -rf "$WORK/out-$name" "$WORK/$name.jsonl"
  ./submit.sh --master "local[$CORES]" run --images "$X" --labels "$Y" \
    --output "$WORK/out-$name" --epochs 5 --shards 64 --seed 1 --progress none \
    --summary-json "$WORK/$name.jsonl" "$@" >&2
  rm -rf "$WORK/out-$name" # 2 GB a run; the summary holds what is reported
}
for ROUND in $(seq "$ROUNDS"); do
  echo "== round $ROUND of $ROUNDS: seed: Pillow + mp.Pool, $CORES processes, $N samples" >&2
  $PY bench/seed_baseline.py --mode pool --processes "$CORES" --images "$X" \
    --labels "$Y" --repeat 2 --json > "$WORK/seed-$ROUND.json"
  echo "== round $ROUND: preaug: local[$CORES], 0 original + 1 augmented copy, NPY, shuffle exchange" >&2
  run_preaug "aug-$ROUND" --copies-original 0 --copies-augmented 1 --format npy --exchange shuffle
  echo "== round $ROUND: preaug: local[$CORES], 0 original + 1 augmented copy, NPY, direct exchange" >&2
  run_preaug "direct-$ROUND" --copies-original 0 --copies-augmented 1 --format npy --exchange direct
  echo "== round $ROUND: preaug: local[$CORES], default 1 + 1 copies, TFRecord + NPY" >&2
  run_preaug "default-$ROUND" --format both
done

# Both ways preaug writes: through the page cache then flushed (small files, output.direct_io
# off, file systems without O_DIRECT), and with direct I/O (shard files past 1 MiB by default).
echo "== disk: sequential write, 2 GiB, through the page cache + fdatasync" >&2
DD=$(dd if=/dev/zero of="$WORK/dd.bin" bs=1M count=2048 conv=fdatasync 2>&1 | tail -n 1)
rm -f "$WORK/dd.bin"
echo "== disk: sequential write, 2 GiB, direct I/O (oflag=direct)" >&2
DDD=$(dd if=/dev/zero of="$WORK/dd.bin" bs=1M count=2048 oflag=direct 2>&1 | tail -n 1)
rm -f "$WORK/dd.bin"

DD="$DD" DDD="$DDD" WORK="$WORK" CORES="$CORES" ROUNDS="$ROUNDS" $PY - <<'PYEOF'
import json, os, re, statistics
work = os.environ["WORK"]
def epochs(name):
    rows = [json.loads(l) for l in open(os.path.join(work, name + ".jsonl"))]
    rows = [r for r in rows if r["event"] == "epoch_published" and r["epoch"] >= 2]
    secs = sum(r["seconds"] for r in rows)
    return {"records_per_s": sum(r["records"] for r in rows) / secs,
            "augmented_per_s": sum(r["augmented_records"] for r in rows) / secs,
            "mb_per_s": sum(r["bytes"] for r in rows) / secs / 1e6}
def mbps(line):
    m = re.search(r"([\d.]+) ([MG])B/s", line)
    return float(m.group(1)) * (1000 if m.group(2) == "G" else 1) if m else float("nan")
disk = mbps(os.environ["DD"])
disk_direct = mbps(os.environ["DDD"])
cores = int(os.environ["CORES"])
rounds = []
for k in range(1, int(os.environ["ROUNDS"]) + 1):
    seed = json.load(open(os.path.join(work, f"seed-{k}.json")))
    rounds.append({"seed": seed, "aug": epochs(f"aug-{k}"), "direct": epochs(f"direct-{k}"),
                   "default": epochs(f"default-{k}")})
seed = rounds[0]["seed"]
print(f"machine: {seed['cpu_count']} CPUs, {seed['machine']}; cores used: {cores}")
labels = {"aug": "preaug: 0+1 copies, NPY, shuffle exchange",
          "direct": "preaug: 0+1 copies, NPY, direct exchange",
          "default": "preaug: 1+1 copies, TFRecord + NPY"}
print(f"{'pipeline':<48}{'aug img/s':>12}{'records/s':>12}{'MB/s':>9}{'vs seed':>9}")
for k, r in enumerate(rounds, 1):
    s = r["seed"]["images_per_s"]
    if len(rounds) > 1:
        print(f"-- round {k}")
    print(f"{'seed: Pillow + mp.Pool (in memory only)':<48}{s:>12,.0f}{'':>12}{'':>9}{1.0:>9.1f}")
    for key, label in labels.items():
        p = r[key]
        print(f"{label:<48}{p['augmented_per_s']:>12,.0f}{p['records_per_s']:>12,.0f}"
              f"{p['mb_per_s']:>9.0f}{p['augmented_per_s'] / s:>9.1f}")
ratios = {key: [r[key]["augmented_per_s"] / r["seed"]["images_per_s"] for r in rounds]
          for key in labels}
if len(rounds) > 1:
    print(f"-- median of {len(rounds)} rounds' ratios")
    for key, label in labels.items():
        print(f"{label:<48}{'':>12}{'':>12}{'':>9}{statistics.median(ratios[key]):>9.1f}"
              f"   (rounds: {', '.join(f'{x:.1f}' for x in ratios[key])})")
both = statistics.median(r["default"]["mb_per_s"] for r in rounds)
print(f"disk sequential write: {disk:,.0f} MB/s through the page cache + fdatasync, "
      f"{disk_direct:,.0f} MB/s with direct I/O; preaug 1+1 both formats writes {both:,.0f} MB/s, "
      f"{both / disk:.2f} and {both / disk_direct:.2f} of them")
print(json.dumps({"rounds": [{"seed_images_per_s": r["seed"]["images_per_s"],
                              "preaug_aug": r["aug"], "preaug_direct": r["direct"],
                              "preaug_default": r["default"]} for r in rounds],
                  "median_ratios": {k: statistics.median(v) for k, v in ratios.items()},
                  "disk_write_mb_per_s": disk,
                  "disk_write_direct_mb_per_s": disk_direct, "cores": cores}))
PYEOF
