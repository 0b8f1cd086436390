package dev.nnj.bench;

import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.data.IdxReader;
import dev.nnj.core.json.ModelFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The nnj side of {@code bench/compare.sh}'s CNN: trains {@code models/fashion-cnn.json} at batch 64
 * on the first EXAMPLES Fashion-MNIST images, after WARMUP images on a model of its own, and prints
 * one JSON line with the training samples/s.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.nnj.bench.CompareCnn FASHION_DIR BACKEND THREADS MODEL_JSON
 * [EXAMPLES [WARMUP]]} (defaults 6,400 and 3,200).
 */
public final class CompareCnn {
    private CompareCnn() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String backend = args[1];
        int threads = Integer.parseInt(args[2]);
        String json = Files.readString(Path.of(args[3]));
        int examples = args.length > 4 ? Integer.parseInt(args[4]) : 6_400;
        int warmUp = args.length > 5 ? Integer.parseInt(args[5]) : 3_200;
        DataSet all = IdxReader.read(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
        NnRuntime runtime = NnRuntime.discover(CompareCnn.class.getClassLoader(), backend, threads);
        double rate = 0;
        for (int n : new int[] {warmUp, examples}) {
            AssembledModel m = runtime.assemble(ModelFileReader.read(json, args[3]).withBatchSize(64).withEpochs(1)
                    .withDtype(Mlp.dtype()));
            rate = m.trainer().fit(all.subset(firstRows(n), "first " + n), null).get(0).samplesPerSecond();
        }
        System.out.println(String.format(Locale.ROOT, "{\"framework\": \"nnj\", \"backend\": \"%s\", \"threads\": %d, "
                + "\"examples\": %d, \"warmUpExamples\": %d, \"trainSamplesPerSecondBatch64\": %d, "
                + "\"peakResidentMegabytes\": %d, \"kernels\": \"%s\"}", backend, threads, examples, warmUp,
                Math.round(rate), Compare.peakResidentMegabytes(), Mlp.describe(backend, threads)));
    }

    private static int[] firstRows(int n) {
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        return rows;
    }
}
