#!/usr/bin/env bash
# Per-op cost of colour vs gray images, one thread, on this machine (issue 13 item 5):
# each op of the seed's recipe, the recipe itself and the band split + merge alone, on gray 64x64,
# RGB 64x64 and RGB 32x32 DemoColour images, all through Op.apply(Image) as the job calls them
# (bench/jmh ColourOpsBenchmark). Each (op, shape) runs in a JVM of its own, timed per second of
# thread CPU time (dev.preaug.bench.ColourCpuTime), so other load on a shared machine skews the
# numbers less than the wall clock would. Prints ns per image and RGB64 / L64 (goal: <= 3.5),
# next to Pillow's cost of the same op on the same kind of RGB images (bench/seed_baseline_rgb.py
# --mode kernel, one process, per CPU-second; recipe = the seed's distort_sample).
#
#   bench/colour_ops.sh [windows [op ...]]     (default 5 one-second windows, every op)
#
# JMH's own wall-clock report: java -jar bench/jmh/target/benchmarks.jar ColourOpsBenchmark
set -euo pipefail
# The vector kernels need the incubator module; PREAUG_SIMD=false measures the plain loops.
VEC=(--add-modules=jdk.incubator.vector "-Dpreaug.simd=${PREAUG_SIMD:-true}")
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
WINDOWS="${1:-5}"
shift || true
OPS=("$@")
[[ ${#OPS[@]} -gt 0 ]] || OPS=(rotate shear resizePaste sine gaussianBlur sharpen smooth recipe
  splitMerge)
JAR=bench/jmh/target/benchmarks.jar
./mvnw -q -B -o -DskipTests -pl bench/jmh -am package >&2
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
DATA="$(mktemp -d)"
trap 'rm -rf "$DATA"' EXIT
PILLOW=""
for side in 64 32; do
  java -cp "$JAR" dev.preaug.bench.ColourSet "$DATA/x$side.npy" "$DATA/y$side.npy" 1024 "$side" 42
  echo "== Pillow RGB$side" >&2
  PILLOW+="$side $(/usr/bin/python3 bench/seed_baseline_rgb.py --mode kernel --images "$DATA/x$side.npy" \
    --labels "$DATA/y$side.npy" --repeat 3 --json)"$'\n'
done
OUT=""
for op in "${OPS[@]}"; do
  for shape in L64 RGB64 RGB32; do
    echo "== $op $shape" >&2
    OUT+="$(java "${VEC[@]}" -Xms1g -Xmx1g -cp "$JAR" dev.preaug.bench.ColourCpuTime "$WINDOWS" "$shape" "$op")"$'\n'
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
OUT="$OUT" PILLOW="$PILLOW" /usr/bin/python3 - <<'PYEOF'
import json, os
ns = {}
for line in os.environ["OUT"].splitlines():
    name, shape, median, best = line.split()
    ns.setdefault(name, {})[shape] = float(median)
pil = {}
for line in os.environ["PILLOW"].splitlines():
    side, js = line.split(" ", 1)
    pil[side] = json.loads(js)["ops"]
names = {"rotate": "rotate", "shear": "shear", "resizePaste": "scale", "sine": "sine",
         "gaussianBlur": "gaussian_blur", "sharpen": "sharpen", "smooth": "smooth",
         "recipe": "distort_sample"}
def pillow(name, side):
    return pil[side][names[name]]["ns_per_image_cpu"] if name in names else float("nan")
print(f"{'op':<14}{'L64 ns':>10}{'RGB64 ns':>10}{'RGB32 ns':>10}{'RGB64/L64':>11}"
      f"{'Pillow RGB64':>14}{'Pillow RGB32':>14}")
for name, r in ns.items():
    ratio = r["RGB64"] / r["L64"] if r["L64"] >= 100 else float("nan")
    print(f"{name:<14}{r['L64']:>10,.0f}{r['RGB64']:>10,.0f}{r['RGB32']:>10,.0f}{ratio:>11.2f}"
          f"{pillow(name, '64'):>14,.0f}{pillow(name, '32'):>14,.0f}")
print("(ns per image per CPU-second; preaug: median of one-second windows; splitMerge: L has no "
      "split)")
print(json.dumps({"preaug": ns, "pillow": pil}))
PYEOF
