package dev.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Optimizer;
import dev.nnj.api.Tensor;
import dev.nnj.core.CoreExtension;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.TestOptimizerExtension;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.json.Weights;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The trainer lets layers adapt (normalization) once, before the first epoch, on the training data. */
class TrainerAdaptTest {
    static final String MODEL = "{\"input\": [3], \"layers\": [{\"type\": \"normalization\"}, {\"type\": \"dense\", "
            + "\"units\": 4, \"activation\": \"tanh\"}, {\"type\": \"normalization\"}, {\"type\": \"dense\", \"units\": 1}], "
            + "\"loss\": \"mse\", \"optimizer\": {\"type\": \"sgd\", \"learningRate\": 0.01}, \"epochs\": 2, "
            + "\"batchSize\": 8, \"seed\": 3}";

    private final NnRuntime runtime = NnRuntime.of(new CoreExtension(), new TestOptimizerExtension());

    /** 2,500 rows (three adapt batches of up to 1,024) of columns on scales 1, 1e4 and 1e-3. */
    private static DataSet raw() {
        SplittableRandom random = new SplittableRandom(9);
        Tensor x = Tensor.zeros(2_500, 3);
        Tensor y = Tensor.zeros(2_500, 1);
        for (int r = 0; r < x.rows(); r++) {
            x.set(r, 0, random.nextDouble());
            x.set(r, 1, 20_000 + 1e4 * random.nextDouble());
            x.set(r, 2, 1e-3 * random.nextGaussian());
            y.set(r, 0, x.get(r, 0) + x.get(r, 1) / 1e4);
        }
        return DataSet.regression("raw", x, y);
    }

    private static double[] columnMeans(Tensor x) {
        double[] m = new double[x.cols()];
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.cols(); c++) {
                m[c] += x.get(r, c) / x.rows();
            }
        }
        return m;
    }

    @Test
    void theFirstNormalizationLearnsTheRawColumnsAndTheSecondItsOwnInput() {
        AssembledModel m = runtime.assemble(ModelFileReader.read(MODEL, "m.json"));
        DataSet data = raw();
        new Trainer(m.model(), m.loss(), m.optimizer(), m.training()).fit(data, null);
        double[] mean = m.model().buffers().get(0).value().data();
        double[] expected = columnMeans(data.features());
        for (int c = 0; c < 3; c++) {
            assertEquals(expected[c], mean[c], 1e-12 * Math.abs(expected[c]) + 1e-15, "mean of column " + c);
        }
        assertEquals(4, m.model().buffers().get(2).value().size());
    }

    /**
     * The second normalization sees its own input: the first normalization (already adapted), the
     * dense layer and the tanh, in inference mode. Its mean equals the column means of that prefix of
     * the model applied to the data, to rounding.
     */
    @Test
    void eachLayerAdaptsToWhatTheLayersBeforeItGiveIt() {
        AssembledModel m = runtime.assemble(ModelFileReader.read(MODEL, "m.json"));
        Tensor x = raw().features();
        m.model().adapt(new dev.nnj.core.data.TensorBatches(x, 1_024));
        dev.nnj.core.model.Sequential.Builder prefix = dev.nnj.core.model.Sequential.builder(m.model().inputShape());
        for (int i = 0; i < 3; i++) {
            prefix.add(m.model().layers().get(i));
        }
        double[] expected = columnMeans(prefix.build().predict(x));
        double[] mean = m.model().buffers().get(2).value().data();
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], mean[c], 1e-12, "mean of the second normalization's input " + c);
        }
    }

    @Test
    void aResumedRunDoesNotAdaptAgain() {
        AssembledModel m = runtime.assemble(ModelFileReader.read(MODEL, "m.json"));
        new Trainer(m.model(), m.loss(), m.optimizer(), m.training()).fit(raw(), null, 2);
        assertArrayEquals(new double[3], m.model().buffers().get(0).value().data(), 0.0);
        assertArrayEquals(new double[] {1, 1, 1}, m.model().buffers().get(1).value().data(), 0.0);
    }

    /**
     * Adapting is once per model, as Keras's {@code adapt} before {@code fit}: a second {@code fit}
     * (fine-tuning on other data) and a model whose buffers were loaded keep what was learned.
     */
    @Test
    void aModelThatAdaptedOrWasLoadedIsNotAdaptedAgain() {
        AssembledModel m = runtime.assemble(ModelFileReader.read(MODEL, "m.json"));
        assertFalse(m.model().adapted(), "a model as built");
        m.trainer().fit(raw(), null);
        assertTrue(m.model().adapted());
        double[] learned = m.model().buffers().get(0).value().data().clone();
        Tensor shifted = raw().features().copy();
        for (int r = 0; r < shifted.rows(); r++) {
            shifted.set(r, 0, shifted.get(r, 0) + 5);
        }
        // a second trainer needs an optimizer of its own, not yet attached
        Optimizer fresh = runtime.assemble(ModelFileReader.read(MODEL, "m.json")).optimizer();
        new Trainer(m.model(), m.loss(), fresh, m.training()).fit(DataSet.regression("shifted", shifted,
                raw().targets()), null);
        assertArrayEquals(learned, m.model().buffers().get(0).value().data(), 0.0, "the second fit");

        AssembledModel loaded = runtime.assemble(ModelFileReader.read(MODEL, "m.json"));
        Weights.apply(loaded.model(), Weights.of(m.model()), "saved");
        assertTrue(loaded.model().adapted(), "loaded buffers count as learned");
        loaded.trainer().fit(DataSet.regression("shifted", shifted, raw().targets()), null);
        assertArrayEquals(learned, loaded.model().buffers().get(0).value().data(), 0.0, "the loaded model's fit");
    }
}
