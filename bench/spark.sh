#!/usr/bin/env bash
# Benchmark of nn-spark on one machine: the Fashion-MNIST model (models/fashion-mlp.json) trained on
# local[1] and local[2], synchronous (batch 128 and 1024) and by parameter averaging (batch 128,
# every 8 steps), against single-machine training on one thread. For the second epoch of each run it
# prints samples/s and the share of time spent in the gradient exchange; the last line is JSON.
#
# Usage: bench/spark.sh [FASHION_MNIST_DIR [EXAMPLES [RUN]]]   (default: ../shared/data/fashion-mnist, 15360, all)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data="${1:-$root/../shared/data/fashion-mnist}"
examples="${2:-15360}"
only=("${@:3}")
[[ -f "$data/train-images-idx3-ubyte.gz" ]] || { echo "spark.sh: no Fashion-MNIST in $data" >&2; exit 1; }

mvn -B -q install -DskipTests >&2
cp="$(mktemp)"
mvn -B -q -pl nn-spark dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >&2
opens="$(sed -n 's:.*<spark.add-opens>\(.*\)</spark.add-opens>.*:\1:p' nn-spark/pom.xml)"
# One BLAS thread per task: Spark's task slots are the parallelism.
# shellcheck disable=SC2086
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 java $opens -Xmx8g ${SPARK_BENCH_OPTS:-} \
  -cp "nn-spark/target/test-classes:nn-spark/target/classes:$(cat "$cp")" \
  dev.nnj.spark.SparkBench "$data" models/fashion-mlp.json "$examples" "${only[@]}" 2> >(grep -v -E "^(WARN|INFO)|log4j|NativeCodeLoader" >&2)
rm -f "$cp"
