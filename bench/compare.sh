#!/usr/bin/env bash
# Side-by-side benchmark of nnj against PyTorch on the Fashion-MNIST MLP (784-256-128-10, ReLU,
# softmax cross-entropy, SGD momentum 0.9, lr 0.05), float64 and float32, data in memory, 2 threads
# each.
#
# Usage: bench/compare.sh [FASHION_MNIST_DIR]   (default: ../shared/data/fashion-mnist beside the repo)
#
# nnj runs in five configurations: ejml, java (nnj's plain-Java kernels, no flag) and vector (the
# JDK Vector API), all three without native BLAS (-Dnnj.blas.native=false); blas (native OpenBLAS,
# one OpenBLAS thread, nnj's two); and readme: the README's own command, plain
# `java -jar nn-examples/target/nnj.jar train` with no variable and no JVM option (its second epoch's
# samples/s as train prints it; only training figures). Every peer runs with OPENBLAS_VERBOSE=2, and
# the table says which OpenBLAS core each ran on ("-" where none was loaded), so that a peer on
# OpenBLAS's generic kernels is visible. Where nnj's launcher would set OPENBLAS_CORETYPE for this CPU
# (a CPU this OpenBLAS does not know), every peer but readme gets it too, unless it is set already.
#
# Unless F32=0, nnj also runs in float32 ("dtype": "float32"): java-f32, vector-f32 and blas-f32 as
# above, and readme-f32 (the README's command with --dtype float32); the CNN too.
# For every configuration it prints training samples/s at batch 32 and 128 (one full epoch after a
# warm-up), batch-1 inference latency (median), batch-1000 inference throughput and peak resident
# memory; then the ratios nnj/PyTorch; its last line is one JSON object with all of it.
# The configurations run in ROUNDS interleaved rounds (default 3) and each figure is the median of
# its rounds: on a shared machine single runs of the same program vary by 30% or more.
# Before each measured epoch every peer trains WARMUP examples (default 60000, one epoch) on a
# model of its own, so that JIT compilers and allocators are in their steady state, as in a training
# run of many epochs.
# Then, unless CNN=0, the CNN of models/fashion-cnn.json (conv 32 3x3, batch-norm, max-pool,
# conv 64 3x3, batch-norm, max-pool, dense 128, dense 10; Adam) at batch 64: nnj (EJML and BLAS) against PyTorch float64 and
# float32 (bench/pytorch_cnn.py), CNN_EXAMPLES training images (default 6400) after CNN_WARMUP
# (default 3200), in the same interleaved rounds; its figures and ratios follow the MLP's. MLP=0
# runs the CNN alone.
# Installs the peers where missing (Debian's python3-torch and libopenblas0-openmp; DL4J 1.0.0-M2.1
# from Maven Central, built in bench/dl4j, a project outside nnj's build). NO_DL4J=1 leaves DL4J out.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data="${1:-$root/../shared/data/fashion-mnist}"
[[ -f "$data/train-images-idx3-ubyte.gz" ]] || { echo "compare.sh: no Fashion-MNIST in $data" >&2; exit 1; }

need=()
/usr/bin/python3 -c 'import torch' 2>/dev/null || need+=(python3-torch)
[[ -e /usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3 ]] || need+=(libopenblas0-openmp)
if ((${#need[@]})); then
  echo "installing ${need[*]} ..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >&2
fi
# (Re)built when missing or older than a source file, so that a run never measures stale code.
if [[ ! -f nn-bench/target/benchmarks.jar || -n "$(find nn-*/src models -newer nn-bench/target/benchmarks.jar -type f | head -1)" ]]; then
  mvn -B -q package -DskipTests >&2
fi
dl4j="${NO_DL4J:-}"
if [[ -z "$dl4j" ]]; then
  [[ -f bench/dl4j/target/classpath.txt ]] || echo "building the DL4J peer (downloads ~150 MB from Maven Central once) ..." >&2
  mvn -B -q -f bench/dl4j/pom.xml package >&2
fi

out="$(mktemp -d)"
jar=nn-bench/target/benchmarks.jar
cli=nn-examples/target/nnj.jar
if [[ -z "${OPENBLAS_CORETYPE:-}" ]]; then
  core="$(env -u OPENBLAS_NUM_THREADS -u OMP_NUM_THREADS java -Dnnj.relaunch.verbose=true -jar "$cli" --version 2>&1 \
    | grep -o 'OPENBLAS_CORETYPE=[A-Za-z0-9]*' | head -1 | cut -d= -f2 || true)"
  if [[ -n "$core" ]]; then
    echo "OpenBLAS does not know this CPU: every peer but readme runs with OPENBLAS_CORETYPE=$core" >&2
    export OPENBLAS_CORETYPE="$core"
  fi
fi
export OPENBLAS_VERBOSE=2
rounds="${ROUNDS:-3}"
warmup="${WARMUP:-60000}"
nnj() { # round, name, then extra JVM options
  local round="$1" name="$2"; shift 2
  echo "round $round: nnj $name ..." >&2
  OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 java "$@" -cp "$jar" dev.nnj.bench.Compare "$data" \
    "${name%%-*}" 2 "$warmup" 2> "$out/nnj-$name.$round.err" > "$out/nnj-$name.$round.json"
}
readme() { # round [dtype]: the README's command, as a user types it (2 epochs; the second is measured)
  local round="$1" dtype="${2:-float64}" name=readme b32 b128 backend
  [[ "$dtype" == float64 ]] || name=readme-f32
  echo "round $round: nnj $name (plain java -jar, $dtype) ..." >&2
  for batch in 32 128; do
    env -u OPENBLAS_NUM_THREADS -u OMP_NUM_THREADS -u OPENBLAS_CORETYPE -u JAVA_TOOL_OPTIONS java -jar "$cli" train \
      --model models/fashion-mlp.json --data "fashion-mnist:$data" --epochs 2 --batch-size "$batch" --dtype "$dtype" \
      > "$out/readme-$batch.txt" 2>> "$out/nnj-$name.$round.err"
  done
  b32="$(grep -o 'epoch 2/2 .* \([0-9,]*\) samples/s' "$out/readme-32.txt" | grep -o '[0-9,]* samples/s' | tr -d ', samples/')"
  b128="$(grep -o 'epoch 2/2 .* \([0-9,]*\) samples/s' "$out/readme-128.txt" | grep -o '[0-9,]* samples/s' | tr -d ', samples/')"
  backend="$(grep -m1 '^backend: ' "$out/readme-128.txt" | cut -c10- | sed 's/"/\\"/g')"
  printf '{"framework": "nnj", "backend": "readme", "kernels": "%s", "trainSamplesPerSecondBatch32": %s, "trainSamplesPerSecondBatch128": %s}\n' \
    "$backend" "${b32:-null}" "${b128:-null}" > "$out/nnj-$name.$round.json"
}
for round in $(seq 1 "$rounds"); do
  [[ "${MLP:-1}" != 0 ]] || break
  nnj "$round" ejml -Dnnj.blas.native=false
  nnj "$round" java -Dnnj.blas.native=false
  nnj "$round" vector --add-modules jdk.incubator.vector -Dnnj.blas.native=false
  nnj "$round" blas -Dnnj.blas.native=true
  readme "$round"
  if [[ "${F32:-1}" != 0 ]]; then
    nnj "$round" java-f32 -Dnnj.blas.native=false -Dnnj.bench.dtype=float32
    nnj "$round" vector-f32 --add-modules jdk.incubator.vector -Dnnj.blas.native=false -Dnnj.bench.dtype=float32
    nnj "$round" blas-f32 -Dnnj.blas.native=true -Dnnj.bench.dtype=float32
    readme "$round" float32
  fi
  if [[ -z "$dl4j" ]]; then
    echo "round $round: dl4j float64 ..." >&2
    # DL4J's fastest setting here: libnd4j's OpenMP loops on 1 thread, its OpenBLAS on 2 (measured
    # 2026-11-28: OMP_NUM_THREADS=2 gave 2,062 and 3,630/s at batch 32 and 128, this 6,449 and 8,175/s).
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=2 java -cp "bench/dl4j/target/classes:$(cat bench/dl4j/target/classpath.txt)" \
      dev.nnj.bench.dl4j.Dl4jMlp "$data" "$warmup" 2> "$out/dl4j-float64.$round.err" | tail -1 > "$out/dl4j-float64.$round.json"
  fi
  for p in float64 float32; do
    echo "round $round: pytorch $p ..." >&2
    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OMP_NUM_THREADS=2 \
      /usr/bin/python3 bench/pytorch_mlp.py "$data" "$p" "$warmup" > "$out/pytorch-$p.$round.json" \
      2> "$out/pytorch-$p.$round.err"
  done
done
mkdir -p "$out/cnn"
if [[ "${CNN:-1}" != 0 ]]; then
  cnn_examples="${CNN_EXAMPLES:-6400}"
  cnn_warmup="${CNN_WARMUP:-3200}"
  for round in $(seq 1 "$rounds"); do
    cnn_runs=(ejml java vector blas)
    [[ "${F32:-1}" == 0 ]] || cnn_runs+=(java-f32 vector-f32 blas-f32)
    for run in "${cnn_runs[@]}"; do
      echo "round $round: cnn nnj $run ..." >&2
      backend="${run%%-*}" dtype=float64
      [[ "$run" == *-f32 ]] && dtype=float32
      native=false; [[ "$backend" == blas ]] && native=true
      OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 java --add-modules jdk.incubator.vector -Dnnj.blas.native=$native \
        -Dnnj.bench.dtype=$dtype -cp "$jar" dev.nnj.bench.CompareCnn "$data" "$backend" 2 models/fashion-cnn.json \
        "$cnn_examples" "$cnn_warmup" 2> "$out/cnn/nnj-$run.$round.err" > "$out/cnn/nnj-$run.$round.json"
    done
    for p in float64 float32; do
      echo "round $round: cnn pytorch $p ..." >&2
      LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OMP_NUM_THREADS=2 \
        /usr/bin/python3 bench/pytorch_cnn.py "$data" "$p" "$cnn_examples" "$cnn_warmup" > "$out/cnn/pytorch-$p.$round.json" \
        2> "$out/cnn/pytorch-$p.$round.err"
    done
  done
fi
jar_mb=$(du -m nn-examples/target/nnj.jar 2>/dev/null | cut -f1 || echo null)

/usr/bin/python3 - "$out" "${jar_mb:-null}" <<'PY'
import json, os, re, sys, platform
out, jar_mb = sys.argv[1], sys.argv[2]
import statistics

def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None

def core(directory, name):
    """The OpenBLAS core named in the runs' standard error (OPENBLAS_VERBOSE=2), or '-'."""
    found = set()
    for f in os.listdir(directory):
        if f.startswith(name + ".") and f.endswith(".err"):
            found.update(re.findall(r"Core: (\S+)", open(os.path.join(directory, f), errors="replace").read()))
    return ",".join(sorted(found)) or "-"
keys = ["trainSamplesPerSecondBatch32", "trainSamplesPerSecondBatch128",
        "inferenceLatencyBatch1Micros", "inferenceSamplesPerSecondBatch1000", "peakResidentMegabytes"]
rounds = {}
for f in sorted(os.listdir(out)):
    if f.endswith(".json"):
        rounds.setdefault(f.split(".")[0], []).append(json.load(open(os.path.join(out, f))))
runs = {}
for name, rs in rounds.items():
    r = dict(rs[0])
    for k in keys:
        r[k] = median(x.get(k) for x in rs)
    r["rounds"] = {k: [x.get(k) for x in rs] for k in keys[:4]}
    r["openblasCore"] = core(out, name)
    runs[name] = r
ratios = {}
if runs:
    print("%-22s %12s %12s %12s %14s %10s %11s  %s" % ("run", "train b32/s", "train b128/s", "latency b1", "infer b1000/s", "peak MB", "OpenBLAS", "compute"))
    for name, r in runs.items():
        print("%-22s %12s %12s %10s µs %14s %10s %11s  %s" % (name, *(r.get(k) for k in keys), r["openblasCore"], r.get("kernels") or r.get("blas")))
    ratio = lambda x, y: None if x is None or y is None else round(x / y, 2)
    for peer_name in ("pytorch-float64", "pytorch-float32"):
        peer = runs.get(peer_name)
        if peer:
            ratios[peer_name] = {name: {k: ratio(r.get(k), peer[k]) for k in keys[:4]} for name, r in runs.items()
                                 if name.startswith("nnj")}
    for suffix, readme_name in (("", "nnj-readme"), ("-f32", "nnj-readme-f32")):
        same_type = [n for n, r in runs.items() if n.startswith("nnj") and not n.startswith("nnj-readme")
                     and n.endswith("-f32") == (suffix == "-f32")]
        if readme_name in runs and same_type:
            rd = runs[readme_name]
            parts = []
            for key in ("trainSamplesPerSecondBatch32", "trainSamplesPerSecondBatch128"):
                # The best of its type at each batch size on its own: they need not be one configuration.
                best = max(same_type, key=lambda n: runs[n][key] or 0)
                parts.append("batch %s %s (%s)" % (key[len("trainSamplesPerSecondBatch"):], ratio(rd[key], runs[best][key]), best))
            print("\nthe README's command%s / the best nnj configuration of its type, training: %s"
                  % (" with --dtype float32" if suffix else "", ", ".join(parts)))
    for n, base in (("nnj-java", "nnj-ejml"), ("nnj-java-f32", "nnj-ejml"), ("nnj-vector", "nnj-ejml"),
                    ("nnj-vector-f32", "nnj-ejml"), ("nnj-vector", "nnj-blas"), ("nnj-vector-f32", "nnj-blas-f32")):
        if n in runs and base in runs:
            print("%s / %s, training: batch 32 %s, batch 128 %s" % (n, base,
                  ratio(runs[n]["trainSamplesPerSecondBatch32"], runs[base]["trainSamplesPerSecondBatch32"]),
                  ratio(runs[n]["trainSamplesPerSecondBatch128"], runs[base]["trainSamplesPerSecondBatch128"])))
    for peer_name, rs in ratios.items():
        print("\nratio nnj / PyTorch %s (latency: lower is better)" % peer_name.split("-")[1])
        for name, r in rs.items():
            print("%-22s %12s %12s %13s %14s" % (name, *(r[k] for k in keys[:4])))
dl4j_ratios = {}
if "dl4j-float64" in runs:
    peer = runs["dl4j-float64"]
    dl4j_ratios = {name: {k: ratio(r.get(k), peer[k]) for k in keys[:4]} for name, r in runs.items() if name.startswith("nnj")}
    print("\nratio nnj / DL4J float64 (latency: lower is better)")
    for name, r in dl4j_ratios.items():
        print("%-22s %12s %12s %13s %14s" % (name, *(r[k] for k in keys[:4])))
cnn = {}
for f in sorted(os.listdir(os.path.join(out, "cnn"))):
    if not f.endswith(".json"):
        continue
    cnn.setdefault(f.split(".")[0], []).append(json.load(open(os.path.join(out, "cnn", f))))
cnn_runs, cnn_ratios = {}, {}
if cnn:
    print("\nCNN (models/fashion-cnn.json), batch 64: training samples/s, median of rounds")
    for name, rs in cnn.items():
        r = dict(rs[0])
        r["trainSamplesPerSecondBatch64"] = statistics.median(x["trainSamplesPerSecondBatch64"] for x in rs)
        r["rounds"] = [x["trainSamplesPerSecondBatch64"] for x in rs]
        r["openblasCore"] = core(os.path.join(out, "cnn"), name)
        cnn_runs[name] = r
        print("%-22s %12s %11s  %s" % (name, r["trainSamplesPerSecondBatch64"], r["openblasCore"], r.get("kernels") or r.get("blas")))
    for peer in ("pytorch-float64", "pytorch-float32"):
        if peer in cnn_runs:
            print("ratio nnj / PyTorch %s:" % peer.split("-")[1], ", ".join("%s %.2f" % (n, r["trainSamplesPerSecondBatch64"]
                  / cnn_runs[peer]["trainSamplesPerSecondBatch64"]) for n, r in cnn_runs.items() if n.startswith("nnj")))
            cnn_ratios[peer] = {n: round(r["trainSamplesPerSecondBatch64"] / cnn_runs[peer]["trainSamplesPerSecondBatch64"], 2)
                                for n, r in cnn_runs.items() if n.startswith("nnj")}
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(json.dumps({"machine": {"cpu": cpu, "cores": os.cpu_count()}, "runs": runs,
                  "ratiosToPytorch": ratios, "ratiosToDl4jFloat64": dl4j_ratios,
                  "cnn": {"runs": cnn_runs, "ratios": cnn_ratios},
                  "nnjJarMegabytes": None if jar_mb == "null" else int(jar_mb)}))
PY
