package dev.nnj.bench;

import dev.nnj.api.Mode;
import dev.nnj.api.Tensor;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.data.IdxReader;
import dev.nnj.core.model.Workspace;
import dev.nnj.core.train.EpochResult;
import dev.nnj.core.train.Trainer;
import dev.nnj.core.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The nnj side of {@code bench/compare.sh}: trains the Fashion-MNIST MLP from data in memory and
 * prints one JSON line with training samples/s at batch 32 and 128 (one full epoch each, after a
 * warm-up), batch-1 inference latency, batch-1000 inference throughput and peak resident memory.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.nnj.bench.Compare FASHION_DIR BACKEND THREADS [WARMUP]},
 * WARMUP the number of examples trained before each measured epoch (default 60,000: one epoch).
 */
public final class Compare {
    private Compare() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String backend = args[1];
        int threads = Integer.parseInt(args[2]);
        int warmUpExamples = args.length > 3 ? Integer.parseInt(args[3]) : 60_000;
        DataSet train = IdxReader.read(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("framework", "nnj");
        result.put("backend", backend);
        result.put("dtype", Mlp.dtype().name());
        result.put("threads", threads);
        result.put("warmUpExamples", warmUpExamples);
        String description = null;
        for (int batch : new int[] {32, 128}) {
            AssembledModel m = Mlp.build(backend, threads, batch);
            description = Mlp.describe(backend, threads);
            DataSet warmUp = warmUpExamples >= train.size() ? train : train.subset(firstRows(warmUpExamples), "warm-up");
            new Trainer(m.model(), m.loss(), m.optimizer(), new TrainingOptions(1, batch, 1)).fit(warmUp, null);
            // A second trainer reuses the attached optimizer's state; building anew keeps runs comparable.
            AssembledModel fresh = Mlp.build(backend, threads, batch);
            EpochResult epoch = new Trainer(fresh.model(), fresh.loss(), fresh.optimizer(), new TrainingOptions(1, batch, 1))
                    .fit(train, null).get(0);
            result.put("trainSamplesPerSecondBatch" + batch, Math.round(epoch.samplesPerSecond()));
        }
        result.put("kernels", description);
        AssembledModel m = Mlp.build(backend, threads, 1);
        result.put("inferenceLatencyBatch1Micros", latencyMicros(m, train));
        result.put("inferenceSamplesPerSecondBatch1000", inferenceThroughput(m, train));
        result.put("peakResidentMegabytes", peakResidentMegabytes());
        System.out.println(toJson(result));
    }

    private static int[] firstRows(int n) {
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    /** Median of 20,000 single-example forward passes, after 5,000 for warm-up. */
    private static double latencyMicros(AssembledModel m, DataSet data) {
        Workspace ws = m.model().newWorkspace(1);
        Tensor x = Tensor.zeros(1, 784);
        long[] times = new long[20_000];
        for (int i = -5_000; i < times.length; i++) {
            int row = Math.floorMod(i, data.size());
            System.arraycopy(data.features().data(), row * 784, x.data(), 0, 784);
            long t0 = System.nanoTime();
            ws.forward(x, Mode.INFERENCE);
            long t = System.nanoTime() - t0;
            if (i >= 0) {
                times[i] = t;
            }
        }
        Arrays.sort(times);
        return Math.round(times[times.length / 2] / 10.0) / 100.0;
    }

    /** Batches of 1,000 over the first 10,000 examples, after one such pass for warm-up. */
    private static long inferenceThroughput(AssembledModel m, DataSet data) {
        Workspace ws = m.model().newWorkspace(1000);
        Tensor x = Tensor.zeros(1000, 784);
        long start = 0;
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1) {
                start = System.nanoTime();
            }
            for (int b = 0; b < 10; b++) {
                System.arraycopy(data.features().data(), b * 1000 * 784, x.data(), 0, 1000 * 784);
                ws.forward(x, Mode.INFERENCE);
            }
        }
        return Math.round(10_000 / ((System.nanoTime() - start) / 1e9));
    }

    /** @return VmHWM of /proc/self/status, the peak resident set, in MB */
    static long peakResidentMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static String toJson(Map<String, Object> map) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            Object v = e.getValue();
            sb.append('"').append(e.getKey()).append("\": ");
            sb.append(v instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : String.format(Locale.ROOT, "%s", v));
        }
        return sb.append('}').toString();
    }
}
