package dev.nnj.bench.dl4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The DL4J side of {@code bench/compare.sh}: the same Fashion-MNIST MLP (784-256-128-10, ReLU,
 * softmax with multi-class cross-entropy, momentum 0.9, lr 0.05) in float64, data in memory, and
 * the same figures as nnj's and PyTorch's sides, printed as one JSON line. DL4J has no plain
 * (heavy-ball) momentum updater: {@code Nesterovs} is the closest and costs the same per parameter.
 * Threads: {@code bench/compare.sh} runs it with libnd4j's OpenMP loops on one thread and its
 * OpenBLAS on two, DL4J's fastest setting on this machine (two OpenMP threads were 2-3x slower).
 *
 * <p>Usage: {@code Dl4jMlp FASHION_DIR}
 */
public final class Dl4jMlp {
    private Dl4jMlp() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int warmUpExamples = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        double[][] images = readImages(dir.resolve("train-images-idx3-ubyte.gz"));
        int[] labels = readLabels(dir.resolve("train-labels-idx1-ubyte.gz"));
        INDArray x = Nd4j.create(images);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, labels.length, 10);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1.0);
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("framework", "dl4j 1.0.0-M2.1");
        result.put("precision", "float64");
        result.put("threads", "OMP_NUM_THREADS=" + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset")
                + " OPENBLAS_NUM_THREADS=" + System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "unset"));
        result.put("warmUpExamples", warmUpExamples);
        for (int batch : new int[] {32, 128}) {
            trainEpoch(network(), x, y, batch, Math.min(warmUpExamples, labels.length)); // warm-up
            result.put("trainSamplesPerSecondBatch" + batch, Math.round(trainEpoch(network(), x, y, batch, labels.length)));
        }
        MultiLayerNetwork net = network();
        result.put("inferenceLatencyBatch1Micros", latencyMicros(net, x));
        result.put("inferenceSamplesPerSecondBatch1000", inferenceThroughput(net, x));
        result.put("peakResidentMegabytes", peakResidentMegabytes());
        result.put("blas", blasLibraries());
        System.out.println(toJson(result));
    }

    static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.DOUBLE)
                .updater(new Nesterovs(0.05, 0.9))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** @return samples per second over the first {@code n} examples of a shuffled order, batch by batch */
    static double trainEpoch(MultiLayerNetwork net, INDArray x, INDArray y, int batch, int n) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < x.rows(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(1));
        long start = System.nanoTime();
        for (int from = 0; from < n; from += batch) {
            int[] rows = order.subList(from, Math.min(n, from + batch)).stream().mapToInt(Integer::intValue).toArray();
            net.fit(x.getRows(rows), y.getRows(rows));
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Median of 20,000 single-example forward passes, after 5,000 for warm-up. */
    static double latencyMicros(MultiLayerNetwork net, INDArray x) {
        long[] times = new long[20_000];
        for (int i = -5_000; i < times.length; i++) {
            INDArray one = x.getRow(Math.floorMod(i, (int) x.rows()), true).dup();
            long t0 = System.nanoTime();
            net.output(one, false);
            long t = System.nanoTime() - t0;
            if (i >= 0) {
                times[i] = t;
            }
        }
        Arrays.sort(times);
        return Math.round(times[times.length / 2] / 10.0) / 100.0;
    }

    /** Batches of 1,000 over the first 10,000 examples, after one such pass for warm-up. */
    static long inferenceThroughput(MultiLayerNetwork net, INDArray x) {
        long start = 0;
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1) {
                start = System.nanoTime();
            }
            for (int b = 0; b < 10; b++) {
                INDArray batch = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(b * 1000, (b + 1) * 1000),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
                net.output(batch, false);
            }
        }
        return Math.round(10_000 / ((System.nanoTime() - start) / 1e9));
    }

    static double[][] readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            require(in.readInt() == 0x803, file);
            int n = in.readInt();
            int size = in.readInt() * in.readInt();
            byte[] pixels = new byte[size];
            double[][] out = new double[n][size];
            for (int i = 0; i < n; i++) {
                in.readFully(pixels);
                for (int j = 0; j < size; j++) {
                    out[i][j] = (pixels[j] & 0xff) / 255.0;
                }
            }
            return out;
        }
    }

    static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            require(in.readInt() == 0x801, file);
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            int[] out = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                out[i] = bytes[i] & 0xff;
            }
            return out;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw), 1 << 16));
    }

    private static void require(boolean ok, Path file) {
        if (!ok) {
            throw new IllegalArgumentException(file + ": not an IDX file of the expected kind");
        }
    }

    static long peakResidentMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    /** @return the BLAS libraries mapped into this process, from /proc/self/maps */
    static String blasLibraries() throws IOException {
        return String.join(", ", Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(l -> l.trim().split("\\s+"))
                .filter(f -> f.length >= 6 && Path.of(f[5]).getFileName() != null
                        && Path.of(f[5]).getFileName().toString().contains("blas"))
                .map(f -> f[5]).distinct().sorted().toList());
    }

    private static String toJson(Map<String, Object> map) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            Object v = e.getValue();
            sb.append('"').append(e.getKey()).append("\": ");
            sb.append(v instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                    : String.format(Locale.ROOT, "%s", v));
        }
        return sb.append('}').toString();
    }
}
