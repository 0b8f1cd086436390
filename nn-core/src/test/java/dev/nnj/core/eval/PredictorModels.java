package dev.nnj.core.eval;

import dev.nnj.core.CoreExtension;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.TestOptimizerExtension;
import dev.nnj.core.json.ModelFileReader;
import java.util.SplittableRandom;

/** Models and inputs for the predictor's tests: assembled from model files, weights from a fixed seed, untrained. */
final class PredictorModels {
    private static final NnRuntime RUNTIME = NnRuntime.of(new CoreExtension(), new TestOptimizerExtension());

    private PredictorModels() {
    }

    /** @return the digits MLP, 64-256-10, ReLU, softmax cross-entropy, seed 7 */
    static AssembledModel digits() {
        return assemble(64, "{\"type\": \"dense\", \"units\": 256, \"activation\": \"relu\"}, "
                + "{\"type\": \"dense\", \"units\": 10}", "softmax-cross-entropy");
    }

    /**
     * @param inputs the features of one example
     * @param layers the model file's layers, without the brackets
     * @param loss the loss's id
     */
    static AssembledModel assemble(int inputs, String layers, String loss) {
        return RUNTIME.assemble(ModelFileReader.read("{\"input\": [" + inputs + "], \"layers\": [" + layers
                + "], \"loss\": \"" + loss + "\", \"optimizer\": \"sgd\", \"seed\": 7}", "model.json"));
    }

    /** @return [n][width] uniform in [0, 1), as digits' scaled pixels are, from {@code seed} */
    static double[][] rows(int n, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][width];
        for (double[] row : rows) {
            for (int j = 0; j < width; j++) {
                row[j] = random.nextDouble();
            }
        }
        return rows;
    }
}
