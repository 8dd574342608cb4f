#!/usr/bin/env bash
# Per-core kernel speed, preaug vs the seed, in one invocation on this machine:
#   - the seed's own ops (Pillow 9.4 + numpy, bench/seed_baseline.py --mode kernel, one process),
#   - preaug's ops and its default recipe (the JMH benchmark methods of bench/jmh, each in a JVM
#     of its own, timed per second of thread CPU time by dev.preaug.bench.CpuTime),
# both reported per CPU-second, so other load on a shared machine does not skew the ratio.
#
#   bench/kernels_vs_seed.sh [windows]          (default 5 one-second windows per op)
#
# For JMH's own wall-clock report: java -jar bench/jmh/target/benchmarks.jar (see docs/ops.md).
set -euo pipefail
# The vector kernels need the incubator module; PREAUG_SIMD=false measures the plain loops.
VEC=(--add-modules=jdk.incubator.vector "-Dpreaug.simd=${PREAUG_SIMD:-true}")
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
WINDOWS="${1:-5}"
JAR=bench/jmh/target/benchmarks.jar
./mvnw -q -B -DskipTests -pl bench/jmh -am package >&2
echo "== seed: Pillow + numpy ops, one process" >&2
SEED_JSON=$(/usr/bin/python3 bench/seed_baseline.py --mode kernel --samples 4096 --repeat 3 --json)
JAVA_OUT=""
for name in rotate shear resizePaste sine gaussianBlur sharpen smooth recipe; do
  echo "== preaug: $name" >&2
  JAVA_OUT+="$(java "${VEC[@]}" -cp "$JAR" dev.preaug.bench.CpuTime "$WINDOWS" "$name")"$'\n'
done
SEED_JSON="$SEED_JSON" JAVA_OUT="$JAVA_OUT" /usr/bin/python3 - <<'PYEOF'
import json, os, re
seed = json.loads(os.environ["SEED_JSON"])["ops"]
java = {}
for line in os.environ["JAVA_OUT"].splitlines():
    m = re.match(r"(\w+)\s+([\d,]+) images per CPU-second", line)
    if m:
        java[m.group(1)] = float(m.group(2).replace(",", ""))
pairs = [("rotate", "rotate"), ("shear", "shear"), ("resize_paste", "resizePaste", "scale"),
         ("sine", "sine"), ("gaussian_blur", "gaussianBlur"), ("sharpen", "sharpen"),
         ("smooth", "smooth"), ("recipe (distort_sample)", "recipe", "distort_sample")]
print(f"{'op':<26}{'seed img/CPU-s':>16}{'preaug img/CPU-s':>18}{'ratio':>8}")
rows = {}
for p in pairs:
    label, jname = p[0], p[1]
    sname = p[2] if len(p) > 2 else p[0]
    s, j = seed[sname]["images_per_cpu_s"], java[jname]
    rows[label] = {"seed": s, "preaug": j, "ratio": j / s}
    print(f"{label:<26}{s:>16,.0f}{j:>18,.0f}{j / s:>8.1f}")
s = seed["sample"]["images_per_cpu_s"]
print(f"{'recipe vs seed sample*':<26}{s:>16,.0f}{java['recipe']:>18,.0f}{java['recipe'] / s:>8.1f}")
print("* the seed's whole per-sample body: float16 -> uint8 conversion, distort_sample, copies")
print(json.dumps(rows))
PYEOF
