#!/usr/bin/env bash
# Per-core kernel speed, preaug vs the seed, in one invocation on this machine:
#   - the seed's own ops (Pillow 9.4 + numpy, bench/seed_baseline.py --mode kernel, one process),
#   - preaug's ops and its default recipe (the JMH benchmark methods of bench/jmh, each in a JVM
#     of its own, timed per second of thread CPU time by dev.preaug.bench.CpuTime),
# both reported per CPU-second, so other load on a shared machine does not skew the ratio.
#
#   bench/kernels_vs_seed.sh [windows [forks]]  (default 5 one-second windows per op, 3 JVMs)
#
# Each op runs in FORKS JVMs of its own and reports the median of their medians: on a shared
# VM one JVM's rate moves by 20 % from run to run (the JIT's choices, the neighbours' load),
# more than the differences the table is for.
#
# For JMH's own wall-clock report: java -jar bench/jmh/target/benchmarks.jar (see docs/ops.md).
set -euo pipefail
# The vector kernels need the incubator module; PREAUG_SIMD=false measures the plain loops.
VEC=(--add-modules=jdk.incubator.vector "-Dpreaug.simd=${PREAUG_SIMD:-true}")
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
WINDOWS="${1:-5}"
FORKS="${2:-3}"
JAR=bench/jmh/target/benchmarks.jar
./mvnw -q -B -DskipTests -pl bench/jmh -am package >&2
echo "== seed: Pillow + numpy ops, one process" >&2
SEED_JSON=$(/usr/bin/python3 bench/seed_baseline.py --mode kernel --samples 4096 --repeat 3 --json)
JAVA_OUT=""
for name in rotate shear resizePaste sine gaussianBlur sharpen smooth recipe; do
  for fork in $(seq "$FORKS"); do
    echo "== preaug: $name (JVM $fork of $FORKS)" >&2
    JAVA_OUT+="$(java "${VEC[@]}" -cp "$JAR" dev.preaug.bench.CpuTime "$WINDOWS" "$name")"$'\n'
  done
done
SEED_JSON="$SEED_JSON" JAVA_OUT="$JAVA_OUT" /usr/bin/python3 - <<'PYEOF'
import json, os, re, statistics
seed = json.loads(os.environ["SEED_JSON"])["ops"]
forks = {}
for line in os.environ["JAVA_OUT"].splitlines():
    m = re.match(r"(\w+)\s+([\d,]+) images per CPU-second", line)
    if m:
        forks.setdefault(m.group(1), []).append(float(m.group(2).replace(",", "")))
java = {name: statistics.median(rates) for name, rates in forks.items()}
for name, rates in forks.items():
    print(f"# {name}: JVMs {', '.join(f'{r:,.0f}' for r in sorted(rates))}")
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
