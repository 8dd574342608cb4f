#!/usr/bin/env bash
# preaug's torchvision ops against torchvision's own calls, per op, one thread, RGB 32x32
# (issue 14 item 4), in one invocation on this machine:
#   1. writes the benchmark's 1,024 DemoColour images (dev.preaug.bench.ColourSet, seed 42: the
#      images TvOpsBenchmark makes in memory) to a temporary NPY;
#   2. checks that both sides compute the same pixels: TvCpuTime --dump writes what preaug makes
#      of every image with every op, bench/tv_ops.py --check compares torchvision's output
#      (the script stops if any image differs);
#   3. times each op in a JVM of its own (dev.preaug.bench.TvCpuTime, per second of thread CPU
#      time, median of WINDOWS one-second windows after two warm-up ones), then torchvision's
#      F.* on the same PIL images the same way (bench/tv_ops.py, Debian's /usr/bin/python3);
#   4. prints ns per image for both and the ratio torchvision / preaug.
# Parameters are what RandomCrop(32, padding=4) | RandomHorizontalFlip() | RandAugment(2, 9)
# draws (TvOpsBenchmark.op and tv_ops.py's OPS, the same function of the image index).
#
#   bench/tv_ops.sh [WINDOWS [op ...]]      (default 5 windows, every op)
#
# JMH's own wall-clock run: java -jar bench/jmh/target/benchmarks.jar TvOpsBenchmark
set -euo pipefail
# The vector kernels need the incubator module; PREAUG_SIMD=false measures the plain loops.
VEC=(--add-modules=jdk.incubator.vector "-Dpreaug.simd=${PREAUG_SIMD:-true}")
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
WINDOWS="${1:-5}"
shift || true
OPS=("$@")
JAR=bench/jmh/target/benchmarks.jar
PY=/usr/bin/python3
./mvnw -q -B -o -DskipTests -pl bench/jmh -am package >&2
[[ ${#OPS[@]} -gt 0 ]] || read -r -a OPS <<<"$($PY bench/tv_ops.py --list)"
DATA="$(mktemp -d)"
trap 'rm -rf "$DATA"' EXIT
java -cp "$JAR" dev.preaug.bench.ColourSet "$DATA/x.npy" "$DATA/y.npy" 1024 32 42
java -cp "$JAR" dev.preaug.bench.TvCpuTime --dump "$DATA/preaug"
echo "== same pixels?" >&2
$PY bench/tv_ops.py --images "$DATA/x.npy" --check "$DATA/preaug" "${OPS[@]}" >&2
START="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
LOAD0="$(cut -d' ' -f1-3 /proc/loadavg)"
OUT=""
for op in "${OPS[@]}"; do
  echo "== preaug $op" >&2
  OUT+="$(java "${VEC[@]}" -Xms1g -Xmx1g -cp "$JAR" dev.preaug.bench.TvCpuTime "$WINDOWS" "$op")"$'\n'
done
LOAD1="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== torchvision ${OPS[*]}" >&2
TV="$($PY bench/tv_ops.py --images "$DATA/x.npy" --windows "$WINDOWS" --json "${OPS[@]}")"
LOAD2="$(cut -d' ' -f1-3 /proc/loadavg)"
OUT="$OUT" TV="$TV" START="$START" LOADS="$LOAD0|$LOAD1|$LOAD2" WINDOWS="$WINDOWS" \
JAVA="$(java -version 2>&1 | head -1)" $PY - <<'PYEOF'
import json, os, statistics
tv = json.loads(os.environ["TV"])
pre = {}
for line in os.environ["OUT"].splitlines():
    name, median, best = line.split()
    pre[name] = float(median)
loads = os.environ["LOADS"].split("|")
print(f"started {os.environ['START']}; {tv['cpu_count']} CPUs ({tv['machine']}); "
      f"{os.environ['JAVA']}; Python {tv['python']}, torch {tv['torch']}, torchvision "
      f"{tv['torchvision']}, Pillow {tv['pillow']}, numpy {tv['numpy']}")
print(f"load (1/5/15 min): {loads[0]} before, {loads[1]} after preaug, {loads[2]} after "
      f"torchvision")
print(f"RGB 32x32, one thread, ns per image per CPU-second (median of "
      f"{os.environ['WINDOWS']} one-second windows); same pixels on all 1,024 images")
print(f"{'op':<14}{'preaug ns':>11}{'torchvision ns':>16}{'ratio':>8}")
ratios = []
for name, ns in pre.items():
    t = tv["ops"][name]["ns_median"]
    ratios.append(t / ns)
    print(f"{name:<14}{ns:>11,.0f}{t:>16,.0f}{t / ns:>8.1f}")
print(f"{'geometric mean':<14}{'':>11}{'':>16}{statistics.geometric_mean(ratios):>8.1f}")
print(json.dumps({"preaug_ns": pre, "torchvision": tv, "loads": loads,
                  "start": os.environ["START"]}))
PYEOF
