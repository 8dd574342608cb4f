#!/usr/bin/env bash
# Per-record budget of the job's direct path on one thread, without Spark, stage by stage (read,
# float16 -> uint8, draw, ops spec, augment, record encode/decode, SHA-256, write), in thread
# CPU time (the least of rounds 2..ROUNDS per stage), so load from other processes changes it
# little.
#
#   bench/record_path_budget.sh [IMAGES.npy LABELS.npy] [RECORDS] [ROUNDS]
#
# Without an input it makes the float16 glyph demo (50,000 samples). Builds the job jar via
# ./submit.sh when it is stale. Prints a markdown table. PREAUG_SIMD=false measures the plain loops.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
WORK="${PREAUG_BENCH_DIR:-$HERE/bench/results/budget}"
mkdir -p "$WORK"
if [[ $# -ge 2 ]]; then
  X="$1"; Y="$2"; shift 2
else
  ./submit.sh demo --data-only --dir "$WORK/data" --classes 1000 --per-class 50 >/dev/null
  X="$WORK/data/input/kanji-demo-images.npy"
  Y="$WORK/data/input/kanji-demo-labels.npy"
fi
RECORDS="${1:-20000}"
ROUNDS="${2:-6}"
./submit.sh --help >/dev/null 2>&1 || true  # builds the jar and its classpath file if stale
CP="spark-job/target/preaug-spark-job-0.1.0.jar:$(cat spark-job/target/embedded-classpath.txt)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)  $(date -u +%FT%TZ)" >&2
java --add-modules jdk.incubator.vector "-Dpreaug.simd=${PREAUG_SIMD:-true}" -cp "$CP" bench/RecordPathBudget.java \
  "$X" "$Y" "$RECORDS" "$ROUNDS" "$WORK/scratch" 2>&1 | grep -v "^WARNING"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
