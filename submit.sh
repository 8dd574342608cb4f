#!/usr/bin/env bash
# preaug launcher.
#
#   ./submit.sh [SPARK OPTIONS] COMMAND [COMMAND OPTIONS]
#
# SPARK OPTIONS (before the command) are spark-submit's: --master, --deploy-mode, --conf K=V,
# --executor-memory, --executor-cores, --num-executors, --driver-memory, --total-executor-cores,
# --queue, --jars, --files, --properties-file, --verbose ...
#
# With a Spark installation (SPARK_HOME, or spark-submit on PATH) the job commands (run, demo)
# go to spark-submit with the thin jar. Without one, the same main class runs in this JVM in
# embedded local mode on Maven's resolved classpath. Other commands (verify, ...) never need a
# cluster and always run locally. PREAUG_EMBEDDED=1 forces embedded mode.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MAIN=dev.preaug.cli.Main

usage() {
  cat <<'USAGE'
usage: ./submit.sh [--master M] [spark-submit options] COMMAND [options]

commands:
  demo       build a synthetic glyph dataset and write 2 epochs of it (embedded local mode)
  run        write epochs:  run --images X.npy --labels Y.npy --output DIR --epochs N
                            [--first-epoch K] --shards S --format tfrecord|npy|both --seed SEED
                            [--copies-original A --copies-augmented B] [--config FILE]
                            [--set key=value ...]
  verify     verify published epochs:  verify DIR
  parity     check the ops against goldens:  parity --manifest M.json --out DIR
  apply      apply an op spec to an array:  apply --ops 'rotate(12)|smooth' --in A.npy --out B.npy
  preview    PNG contact sheet of a recipe or an epoch:  preview --images X.npy --labels Y.npy
                            [--config FILE] [--rows R --variants V --scale S] | --epoch DIR
  help CMD   options of one command

default master: local[*].  See README.md and docs/operations.md.
USAGE
}

MASTER="local[*]"
DRIVER_OPTS=""
SPARK_ARGS=()
USER_CONFS=()
PROPERTIES_FILE=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --master) MASTER="$2"; shift 2 ;;
    --master=*) MASTER="${1#*=}"; shift ;;
    --conf) USER_CONFS+=("$2"); shift 2 ;;
    --conf=*) USER_CONFS+=("${1#*=}"); shift ;;
    --driver-java-options) DRIVER_OPTS="$2"; shift 2 ;;
    --driver-java-options=*) DRIVER_OPTS="${1#*=}"; shift ;;
    --properties-file) PROPERTIES_FILE="$2"; SPARK_ARGS+=("$1" "$2"); shift 2 ;;
    --deploy-mode|--executor-memory|--executor-cores|--num-executors|--driver-memory|\
    --driver-cores|--total-executor-cores|--queue|--jars|--packages|--repositories|--files|\
    --archives|--principal|--keytab|\
    --driver-class-path|--driver-library-path|--name|--exclude-packages)
      SPARK_ARGS+=("$1" "$2"); shift 2 ;;
    --verbose|--supervise) SPARK_ARGS+=("$1"); shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "submit.sh: unknown option '$1' before the command (see ./submit.sh --help)" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [[ $# -eq 0 ]]; then
  usage >&2
  exit 2
fi
COMMAND="$1"

LOG_CONFIG="$HERE/conf/log4j2.properties"
[[ -n "${PREAUG_DEBUG:-}" ]] && LOG_CONFIG="$HERE/conf/log4j2-debug.properties"

JAVA="java"
[[ -n "${JAVA_HOME:-}" ]] && JAVA="$JAVA_HOME/bin/java"

VERSION="$(sed -n 's#^  <version>\(.*\)</version>#\1#p' "$HERE/pom.xml" | head -n 1)"
JAR="$HERE/spark-job/target/preaug-spark-job-$VERSION.jar"
CLASSPATH_FILE="$HERE/spark-job/target/embedded-classpath.txt"

# Build when the jar is missing or any source or pom is newer than it.
needs_build() {
  [[ ! -f "$JAR" || ! -f "$CLASSPATH_FILE" ]] && return 0
  [[ -n "$(find "$HERE/pom.xml" "$HERE/core" "$HERE/spark-job/pom.xml" "$HERE/spark-job/src" \
      -newer "$JAR" -type f \( -name '*.java' -o -name '*.xml' -o -name '*.proto' \
      -o -name '*.conf' -o -name '*.txt' -o -name '*.properties' \) -not -path '*/target/*' \
      -print -quit)" ]]
}
if needs_build; then
  echo "submit.sh: building preaug (./mvnw package, tests skipped) ..." >&2
  (cd "$HERE" && ./mvnw -q -B -DskipTests -pl spark-job -am package) >&2
fi

# Spark's Java 17 module flags (JavaModuleOptions), needed by every JVM that hosts a driver.
OPENS=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)

# conf/spark-defaults.conf first, then the user's --conf (later wins).
read_props() {
  local key value
  while read -r key value; do
    [[ -z "$key" || "$key" == \#* ]] && continue
    if [[ -z "$value" && "$key" == *=* ]]; then printf '%s\n' "$key"; continue; fi
    printf '%s=%s\n' "$key" "$value"
  done < "$1"
}
DEFAULT_CONFS=()
while IFS= read -r kv; do DEFAULT_CONFS+=("$kv"); done < <(read_props "$HERE/conf/spark-defaults.conf")
CONFS=("${DEFAULT_CONFS[@]}" "${USER_CONFS[@]+"${USER_CONFS[@]}"}")

SPARK_SUBMIT=""
if [[ -z "${PREAUG_EMBEDDED:-}" ]]; then
  if [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-submit" ]]; then
    SPARK_SUBMIT="$SPARK_HOME/bin/spark-submit"
  elif command -v spark-submit >/dev/null 2>&1; then
    SPARK_SUBMIT="$(command -v spark-submit)"
  fi
fi

case "$COMMAND" in
  run|demo) SPARK_COMMAND=1 ;;
  *) SPARK_COMMAND="" ;;
esac

if [[ -n "$SPARK_COMMAND" && -n "$SPARK_SUBMIT" ]]; then
  SUBMIT_CONFS=()
  for c in "${CONFS[@]}"; do SUBMIT_CONFS+=(--conf "$c"); done
  exec "$SPARK_SUBMIT" --master "$MASTER" "${SPARK_ARGS[@]+"${SPARK_ARGS[@]}"}" \
    "${SUBMIT_CONFS[@]}" \
    --driver-java-options "--add-modules=jdk.incubator.vector -Dlog4j2.configurationFile=file:$LOG_CONFIG${DRIVER_OPTS:+ $DRIVER_OPTS}" \
    --class "$MAIN" "$JAR" "$@"
fi

IGNORED=()
for ((i = 0; i < ${#SPARK_ARGS[@]}; i++)); do
  # A properties file is read below; everything else needs spark-submit.
  if [[ "${SPARK_ARGS[i]}" == --properties-file ]]; then i=$((i + 1)); continue; fi
  IGNORED+=("${SPARK_ARGS[i]}")
done
if [[ -n "$SPARK_COMMAND" && ${#IGNORED[@]} -gt 0 ]]; then
  echo "submit.sh: no Spark installation found (set SPARK_HOME): embedded local mode ignores" \
    "${IGNORED[*]}" >&2
fi
if [[ -n "$SPARK_COMMAND" && "$MASTER" != local* ]]; then
  echo "submit.sh: --master $MASTER needs a Spark installation (SPARK_HOME or spark-submit on" \
    "PATH); embedded mode runs local masters only" >&2
  exit 2
fi

# Here no spark-submit reads a --properties-file (or, without one, SPARK_CONF_DIR's
# spark-defaults.conf) or puts HADOOP_CONF_DIR on the classpath: do both, so verify and preview
# reach the filesystems a run reaches, with the same spark.hadoop.* settings.
SUBMIT_PROPS="$PROPERTIES_FILE"
if [[ -z "$SUBMIT_PROPS" && -n "$SPARK_SUBMIT" ]]; then
  SUBMIT_PROPS="${SPARK_CONF_DIR:-${SPARK_HOME:-$(dirname "$(dirname "$SPARK_SUBMIT")")}/conf}/spark-defaults.conf"
fi
PROPS=("-Dspark.master=$MASTER")
if [[ -n "$SUBMIT_PROPS" && -f "$SUBMIT_PROPS" ]]; then
  while IFS= read -r kv; do PROPS+=("-D$kv"); done < <(read_props "$SUBMIT_PROPS")
elif [[ -n "$PROPERTIES_FILE" ]]; then
  echo "submit.sh: --properties-file $PROPERTIES_FILE: no such file" >&2
  exit 2
fi
for c in "${CONFS[@]}"; do PROPS+=("-D$c"); done
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
CP="$JAR:$(cat "$CLASSPATH_FILE")"
[[ -n "${SPARK_HOME:-}" && -d "$SPARK_HOME/jars" && -z "$SPARK_COMMAND" ]] && CP="$JAR:$SPARK_HOME/jars/*"
[[ -n "${HADOOP_CONF_DIR:-}" ]] && CP="$HADOOP_CONF_DIR:$CP"
# spark.driver.extraClassPath, as spark-submit would put it on the driver's classpath.
for p in "${PROPS[@]}"; do
  [[ "$p" == -Dspark.driver.extraClassPath=* ]] && CP="${p#-Dspark.driver.extraClassPath=}:$CP"
done
# shellcheck disable=SC2086 # user-supplied JVM options are word-split on purpose
exec "$JAVA" ${PREAUG_JAVA_OPTS:-} $DRIVER_OPTS "${OPENS[@]}" "${PROPS[@]}" \
  "-Dlog4j2.configurationFile=file:$LOG_CONFIG" \
  -cp "$CP" "$MAIN" "$@"
