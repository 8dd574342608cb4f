#!/usr/bin/env bash
# Start-up of the embedded job with and without a class-data-sharing archive of its classes
# (JDK AppCDS, -XX:SharedArchiveFile): the demo run N times each way, alternating, reporting the
# run's own start-up line (seconds from JVM start to the Spark context, the first record written
# and the first epoch published) and the wall time.
#
#   bench/startup_cds.sh [RUNS]        (default 3)
#
# The archive is made once by a run with -XX:ArchiveClassesAtExit (about 70 MB, tied to this
# build's jar and classpath: remake it after a rebuild). docs/operations.md says how to use it.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
RUNS="${1:-3}"
WORK="${PREAUG_BENCH_DIR:-$HERE/bench/results/startup}"
mkdir -p "$WORK"
JSA="$WORK/preaug.jsa"
./submit.sh --help >/dev/null 2>&1 || true  # builds the jar when stale
rm -f "$JSA"
rm -rf "$WORK/demo"
PREAUG_JAVA_OPTS="-XX:ArchiveClassesAtExit=$JSA" ./submit.sh demo --dir "$WORK/demo" >/dev/null 2>&1
echo "archive: $(du -h "$JSA" | cut -f1)  load: $(cut -d' ' -f1-3 /proc/loadavg)  $(date -u +%FT%TZ)"
echo "| run | CDS | Spark context s | first record s | first epoch s | wall s |"
echo "|---|---|---:|---:|---:|---:|"
for r in $(seq 1 "$RUNS"); do
  for mode in off on; do
    rm -rf "$WORK/demo"
    opts=""
    [[ $mode == on ]] && opts="-XX:SharedArchiveFile=$JSA -Xlog:cds=off -Xlog:cds+dynamic=off"
    t0=$(date +%s.%N)
    line=$(PREAUG_JAVA_OPTS="$opts" ./submit.sh demo --dir "$WORK/demo" 2>/dev/null | grep '^start-up:')
    t1=$(date +%s.%N)
    read -r ctx first epoch < <(echo "$line" | sed -E 's/.*context ([0-9.]+) s.*written at ([0-9.]+) s.*published at ([0-9.]+) s.*/\1 \2 \3/')
    printf '| %d | %s | %s | %s | %s | %.1f |\n' "$r" "$mode" "$ctx" "$first" "$epoch" "$(awk "BEGIN{print $t1 - $t0}")"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
