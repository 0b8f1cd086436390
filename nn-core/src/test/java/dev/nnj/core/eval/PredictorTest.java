package dev.nnj.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.DataException;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.Allocations;
import dev.nnj.core.activation.Sigmoid;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.model.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictorTest {
    private final AssembledModel digits = PredictorModels.digits();
    private final Predictor predictor = digits.predictor();

    /** @return the model's own outputs for one row, through a workspace of one row */
    private static Tensor outputs(Sequential model, double[] row) {
        return model.predict(Tensor.of(new double[][] {row}));
    }

    @Test
    void classifiesAsPredictionsAndTheEvaluatorDo() {
        for (double[] row : PredictorModels.rows(20, 64, 1)) {
            Prediction p = predictor.predict(row);
            Tensor out = outputs(digits.model(), row);
            assertTrue(p.isClassification());
            assertEquals(Predictions.predictedClass(digits.loss(), out, 0), p.predictedClass());
            assertArrayEquals(Predictions.probabilities(digits.loss(), out).row(0), p.probabilities());
            assertEquals(10, p.size());
            assertEquals(1.0, sum(p.probabilities()), 1e-12);
        }
    }

    @Test
    void binaryModelGivesTheSigmoidProbabilityOfClassOne() {
        AssembledModel m = PredictorModels.assemble(4, "{\"type\": \"dense\", \"units\": 1}", "binary-cross-entropy");
        Predictor binary = m.predictor();
        for (double[] row : PredictorModels.rows(20, 4, 2)) {
            double logit = outputs(m.model(), row).get(0, 0);
            Prediction p = binary.predict(row);
            assertArrayEquals(new double[] {Sigmoid.sigmoid(logit)}, p.probabilities());
            assertEquals(logit > 0 ? 1 : 0, p.predictedClass());
        }
    }

    @Test
    void regressionGivesTheModelsValues() {
        AssembledModel m = PredictorModels.assemble(3, "{\"type\": \"dense\", \"units\": 2}", "mse");
        double[] row = {0.5, -1.0, 2.0};
        Prediction p = m.predictor().predict(row);
        assertFalse(p.isClassification());
        assertArrayEquals(outputs(m.model(), row).row(0), p.values());
        assertEquals(p.values()[1], p.output(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, p::predictedClass);
        assertEquals("A regression model predicts values, not classes; read values().", e.getMessage());
        assertThrows(IllegalStateException.class, p::probabilities);
    }

    @Test
    void batchLargerThanAWorkspaceRunsInPartsOfMaxBatchRows() {
        Predictor small = new Predictor(digits.model(), digits.loss(), 8);
        double[][] rows = PredictorModels.rows(21, 64, 3);
        List<Prediction> batch = small.predict(rows);
        Tensor all = small.predict(Tensor.of(rows));
        assertEquals(21, batch.size());
        assertEquals(1, small.poolSize(), "one workspace runs every part of a batch");
        for (int i = 0; i < rows.length; i++) {
            Prediction one = small.predict(rows[i]);
            assertEquals(one.predictedClass(), batch.get(i).predictedClass(), "row " + i);
            // kernels may round differently for another batch shape (OpenBLAS does); EJML does not
            assertArrayEquals(one.probabilities(), batch.get(i).probabilities(), 1e-12, "row " + i);
            assertArrayEquals(batch.get(i).probabilities(), all.row(i), "row " + i + ", to the bit");
        }
    }

    @Test
    void emptyBatchesGiveNoPredictions() {
        assertEquals(List.of(), predictor.predict(new double[0][]));
        Tensor none = predictor.predict(Tensor.zeros(0, 64));
        assertEquals("[0, 10]", none.shapeString());
    }

    @Test
    void predictionsAreImmutable() {
        Prediction p = predictor.predict(PredictorModels.rows(1, 64, 4)[0]);
        double[] probabilities = p.probabilities();
        probabilities[0] = 42;
        assertEquals(p, predictor.predict(PredictorModels.rows(1, 64, 4)[0]));
        assertTrue(p.output(0) < 1);
    }

    @Test
    void rejectsInputWithWrongFeatureCount() {
        ShapeMismatchException one = assertThrows(ShapeMismatchException.class,
                () -> predictor.predict(new double[63]));
        assertEquals("features has 63 values; expected 64, one per input of the model (input shape [64]).",
                one.getMessage());
        ShapeMismatchException batch = assertThrows(ShapeMismatchException.class,
                () -> predictor.predict(new double[][] {new double[64], new double[65]}));
        assertEquals("rows[1] has 65 values; expected 64, one per input of the model (input shape [64]).",
                batch.getMessage());
        ShapeMismatchException tensor = assertThrows(ShapeMismatchException.class,
                () -> predictor.predict(Tensor.zeros(2, 3)));
        assertEquals("layers[0] (dense): input has 3 features; expected [*, 64] (input shape [64]), got [2, 3].",
                tensor.getMessage());
    }

    @Test
    void rejectsNonFiniteFeatures() {
        double[] row = new double[64];
        row[3] = Double.NaN;
        DataException nan = assertThrows(DataException.class, () -> predictor.predict(row));
        assertEquals("features[3] is NaN; a model predicts from finite numbers only. Fill in missing values (for "
                + "example with the feature's training mean) before predicting.", nan.getMessage());
        double[][] rows = new double[2][64];
        rows[1][2] = Double.POSITIVE_INFINITY;
        DataException infinite = assertThrows(DataException.class, () -> predictor.predict(rows));
        assertTrue(infinite.getMessage().startsWith("rows[1][2] is Infinity; "), infinite.getMessage());
        rows[1][2] = Double.NEGATIVE_INFINITY;
        DataException tensor = assertThrows(DataException.class, () -> predictor.predict(Tensor.of(rows)));
        assertTrue(tensor.getMessage().startsWith("x[1, 2] is -Infinity; "), tensor.getMessage());
    }

    @Test
    void rejectsNull() {
        assertEquals("features is null",
                assertThrows(NullPointerException.class, () -> predictor.predict((double[]) null)).getMessage());
        assertEquals("rows is null",
                assertThrows(NullPointerException.class, () -> predictor.predict((double[][]) null)).getMessage());
        assertEquals("rows[1] is null", assertThrows(NullPointerException.class,
                () -> predictor.predict(new double[][] {new double[64], null})).getMessage());
        assertEquals("x is null",
                assertThrows(NullPointerException.class, () -> predictor.predict((Tensor) null)).getMessage());
        assertEquals("loss is null",
                assertThrows(NullPointerException.class, () -> new Predictor(digits.model(), null)).getMessage());
    }

    @Test
    void rejectsMaxBatchBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Predictor(digits.model(), digits.loss(), 0));
        assertEquals("maxBatch must be >= 1; got 0.", e.getMessage());
    }

    /**
     * After warm-up a single-row call allocates its result only: a Prediction (24 bytes) and its
     * double[10] (96 bytes), 120.4 bytes measured; no workspace (this model's, for 64 rows, is over
     * 500 KB) and no pool node. 16 bytes allowed for JIT and measurement noise, as in AllocationTest.
     */
    @Test
    void singleRowCallsAllocateOnlyTheirResult() {
        double[] row = PredictorModels.rows(1, 64, 5)[0];
        Allocations.assertAllocatesAtMost(24 + 96 + 16, 2_000, () -> predictor.predict(row));
        assertEquals(1, predictor.poolSize());
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
