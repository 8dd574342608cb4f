#!/usr/bin/env bash
# Scaling of the whole job with cores: runs preaug on gray 64x64 glyphs (float16, the seed's
# input) and on RGB 32x32 images (uint8, CIFAR-like) at each core count given, and prints
# images/s, images/s per core, images per CPU-second and the efficiency against one core.
#
#   bench/job_scaling.sh [SAMPLES] [EPOCHS] [WARM] [CORES...]      # default: 50000 5 2 1 2
#
# Each run: ./submit.sh run, 0 original + 1 augmented copy, NPY shards (64), the default
# exchange (auto: direct for these local NPY files), EPOCHS epochs; the rate is that of the
# epochs >= WARM from --summary-json (the steady state of a job writing many epochs; the
# first epochs pay JIT warm-up). Efficiency = rate(N) / (N * rate(1)) when 1 is among the
# core counts, else against the smallest count given.
#
# 16 cores on one machine:   bench/job_scaling.sh 200000 6 2 1 2 4 8 16
# A cluster (standalone; YARN or Kubernetes alike, with their master URL): the input and
# output must be on a filesystem every executor reads (HDFS, S3A, a shared mount):
#   MASTER=spark://host:7077 SPARK_ARGS="--executor-cores 4 --executor-memory 6g" \
#   PREAUG_BENCH_DIR=/shared/bench bench/job_scaling.sh 1000000 6 2 4 8 16 32
# With MASTER set, a core count N becomes --total-executor-cores N (standalone) and the
# images per CPU-second column is left out (executors' CPU time is not this process's).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
SAMPLES="${1:-50000}"
EPOCHS="${2:-5}"
WARM="${3:-2}"
shift $(( $# < 3 ? $# : 3 ))
CORES=("$@")
[[ ${#CORES[@]} -gt 0 ]] || CORES=(1 2)
WORK="${PREAUG_BENCH_DIR:-$HERE/bench/results/scaling}"
PY=/usr/bin/python3
mkdir -p "$WORK"

# Gray 64x64: the glyph demo (float16 in [0, 1]), as bench/job_vs_seed.sh uses.
PER_CLASS=$(( (SAMPLES + 999) / 1000 ))
./submit.sh demo --data-only --dir "$WORK/gray" --classes 1000 --per-class "$PER_CLASS" >/dev/null
GX="$WORK/gray/input/kanji-demo-images.npy"
GY="$WORK/gray/input/kanji-demo-labels.npy"
# RGB 32x32: smooth colour fields with noise, uint8 (the content does not change the kernels'
# cost); the geometry's resize range scaled to the side, as bench/job_vs_seed_rgb.sh does.
RX="$WORK/rgb-$SAMPLES-images.npy"
RY="$WORK/rgb-$SAMPLES-labels.npy"
[[ -s "$RX" && -s "$RY" ]] || $PY - "$RX" "$RY" "$SAMPLES" <<'PY'
import sys, numpy as np
x, y, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = np.random.default_rng(1)
yy, xx = np.mgrid[0:32, 0:32].astype(np.float32)
out = np.empty((n, 32, 32, 3), np.uint8)
for i in range(0, n, 1000):
    k = min(1000, n - i)
    a = rng.uniform(0, 6.3, (k, 3, 1, 1)).astype(np.float32)
    f = 128 + 100 * np.sin(xx / 5 + a) * np.cos(yy / 7 - a)
    f += rng.normal(0, 12, f.shape).astype(np.float32)
    out[i:i + k] = np.clip(f, 0, 255).astype(np.uint8).transpose(0, 2, 3, 1)
np.save(x, out)
np.save(y, rng.integers(0, 10, n).astype(np.int64))
PY
RGB_SCALE="recipe.geometry.scale=resize_paste(w=randrange(12, 31), h=randrange(12, 31), ox=fit, oy=fit)"

ROWS="$WORK/rows.txt"
: > "$ROWS"
run() { # input-name images labels cores extra...
  local input="$1" x="$2" y="$3" n="$4"; shift 4
  local name="$input-$n"
  rm -rf "$WORK/out-$name" "$WORK/$name.jsonl"
  local spark=(--master "local[$n]")
  if [[ -n "${MASTER:-}" ]]; then
    # shellcheck disable=SC2206
    spark=(--master "$MASTER" --total-executor-cores "$n" ${SPARK_ARGS:-})
  fi
  local l0; l0=$(cut -d' ' -f1 /proc/loadavg)
  echo "== $input, ${spark[*]}, $SAMPLES samples, $EPOCHS epochs (load $l0)" >&2
  /usr/bin/time -f "%U %S" -o "$WORK/$name.time" ./submit.sh "${spark[@]}" run \
    --images "$x" --labels "$y" --output "$WORK/out-$name" --epochs "$EPOCHS" --shards 64 \
    --seed 1 --progress none --format npy --copies-original 0 --copies-augmented 1 \
    --summary-json "$WORK/$name.jsonl" "$@" >&2
  echo "$input $n $l0 $(cut -d' ' -f1 /proc/loadavg) $(cat "$WORK/$name.time")" >> "$ROWS"
  rm -rf "$WORK/out-$name"
}
for n in "${CORES[@]}"; do
  run gray64 "$GX" "$GY" "$n"
  run rgb32 "$RX" "$RY" "$n" --set "$RGB_SCALE"
done

WORK="$WORK" WARM="$WARM" CLUSTER="${MASTER:-}" $PY - "$ROWS" <<'PY'
import json, os, sys
work, warm = os.environ["WORK"], int(os.environ["WARM"])
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
res = {}
for inp, n, l0, l1, user, sys_ in rows:
    ev = [json.loads(l) for l in open(os.path.join(work, f"{inp}-{n}.jsonl"))]
    ep = [e for e in ev if e["event"] == "epoch_published" and e["epoch"] >= warm]
    st = [e for e in ev if e["event"] == "startup"]
    secs = sum(e["seconds"] for e in ep)
    rate = sum(e["records"] for e in ep) / secs
    allrec = sum(e["records"] for e in ev if e["event"] == "epoch_published")
    cpu = float(user) + float(sys_)
    res[(inp, int(n))] = (rate, allrec / cpu, l0, l1, st[0]["first_record_seconds"] if st else -1)
print(f"{'input':<8}{'cores':>6}{'img/s':>10}{'img/s/core':>12}{'efficiency':>12}"
      f"{'img/CPU-s (whole run)':>23}{'1st record s':>14}{'load':>12}")
for (inp, n), (rate, per_cpu, l0, l1, first) in sorted(res.items()):
    base_n = min(k[1] for k in res if k[0] == inp)
    base = res[(inp, base_n)][0] / base_n
    eff = rate / (n * base)
    cpu_col = "" if os.environ["CLUSTER"] else f"{per_cpu:,.0f}"
    print(f"{inp:<8}{n:>6}{rate:>10,.0f}{rate / n:>12,.0f}{eff:>12.2f}{cpu_col:>23}"
          f"{first:>14.1f}{l0 + '-' + l1:>12}")
PY
