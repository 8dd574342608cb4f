#!/usr/bin/env bash
# The same `./submit.sh run` on embedded local[2] and on a two-worker Spark standalone cluster
# (Master + 2 Workers of 1 core, 512m executors, each its own JVM on 127.0.0.1, started from
# the build's Spark jars by the test utility dev.preaug.cluster.StandaloneCluster), then a
# byte comparison of the two outputs. Prints both runs' per-epoch summary lines (images/s).
#
#   bench/cluster-vs-local.sh [CLASSES [PER_CLASS [EPOCHS [ROUNDS]]]]
#       defaults 200 100 3 1: 20,000 samples, 40,000 records per epoch
#
# Each round runs local[2] then the cluster, so with ROUNDS > 1 a change in the machine's load
# shows up in both. Epoch 0 of a cluster run includes the executors' start-up (their JVMs
# launch when the SparkContext starts); compare the later epochs for throughput.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CLASSES="${1:-200}"
PER_CLASS="${2:-100}"
EPOCHS="${3:-3}"
ROUNDS="${4:-1}"
B="$PWD/spark-job/target/bench-cluster-vs-local"

# Thin jar, embedded-classpath.txt and the test classes (StandaloneCluster).
./mvnw -q -B -DskipTests install
mkdir -p "$B"

# Input: the demo's synthetic glyphs (--print-config: generate the arrays, write no epochs).
PREAUG_EMBEDDED=1 ./submit.sh demo --dir "$B/demo" --classes "$CLASSES" \
  --per-class "$PER_CLASS" --print-config >/dev/null
RUN=(run --images "$B/demo/input/kanji-demo-images.npy"
  --labels "$B/demo/input/kanji-demo-labels.npy" --epochs "$EPOCHS" --shards 8
  --format both --seed 1)

OPENS="$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' pom.xml)"
rm -f "$B/cluster.ctl"
mkfifo "$B/cluster.ctl"
# shellcheck disable=SC2086
java $OPENS -cp "spark-job/target/test-classes:$(cat spark-job/target/embedded-classpath.txt)" \
  dev.preaug.cluster.StandaloneCluster "$B/cluster-home" 2 1g \
  <"$B/cluster.ctl" >"$B/cluster-home.out" 2>&1 &
CLUSTER_PID=$!
exec 3>"$B/cluster.ctl"      # the cluster stays up while this end is open
stop_cluster() {
  exec 3>&- || true
  wait "$CLUSTER_PID" || true
  rm -f "$B/cluster.ctl"
}
trap stop_cluster EXIT
for _ in $(seq 120); do
  grep -q '^MASTER=' "$B/cluster-home.out" && break
  kill -0 "$CLUSTER_PID" 2>/dev/null || { cat "$B/cluster-home.out" >&2; exit 1; }
  sleep 1
done
MASTER="$(sed -n 's/^MASTER=//p' "$B/cluster-home.out")"
[[ -n "$MASTER" ]] || { cat "$B/cluster-home.out" >&2; exit 1; }
# The epoch lines of a run, then its throughput over epochs 1.. (warm executors).
summarize() {
  local lines
  lines="$(grep '^epoch' | sed 's# -> .*##')"
  printf '%s\n' "$lines"
  printf '%s\n' "$lines" | awk '
    { gsub(",", "") }
    $2 != "0:" { n += $3; for (i = 1; i < NF; i++) if ($(i + 1) == "s") s += $i }
    END { if (s > 0) printf "  epochs 1..: %d records in %.1f s = %.0f images/s\n", n, s, n / s }'
}

for round in $(seq "$ROUNDS"); do
  rm -rf "$B/local" "$B/cluster"
  echo "== round $round: local[2] (embedded, one JVM, -Xmx1g); load: $(cut -d' ' -f1-3 /proc/loadavg)"
  PREAUG_EMBEDDED=1 PREAUG_JAVA_OPTS="-Xmx1g" \
    ./submit.sh --master 'local[2]' "${RUN[@]}" --output "$B/local" | summarize
  echo "== round $round: standalone $MASTER, 2 workers x 1 core, executors 512m;" \
    "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  SPARK_HOME="$B/cluster-home/spark-home" SPARK_LOCAL_IP=127.0.0.1 \
    ./submit.sh --master "$MASTER" --driver-memory 512m --executor-memory 512m \
    --conf spark.ui.enabled=false "${RUN[@]}" --output "$B/cluster" | summarize
done

echo "== byte comparison (every file but manifest.json)"
for e in $(seq 0 $((EPOCHS - 1))); do
  d="$(printf 'epoch-%05d' "$e")"
  diff -r -q -x manifest.json "$B/local/$d" "$B/cluster/$d"
  echo "$d: identical ($(find "$B/local/$d" -type f -not -name manifest.json | wc -l) files)"
done
