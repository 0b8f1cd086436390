package dev.nnj.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Loss;
import dev.nnj.api.Mode;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.loss.BinaryCrossEntropy;
import dev.nnj.core.loss.MeanSquaredError;
import dev.nnj.core.loss.SoftmaxCrossEntropy;
import dev.nnj.core.model.Sequential;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    private static final int N = 10;

    private static Sequential model(int outputs, SplittableRandom random) {
        DenseLayer dense = new DenseLayer(3, outputs);
        System.arraycopy(GradientCheck.randomTensor(3, outputs, random).data(), 0, dense.weight().value().data(), 0,
                3 * outputs);
        return Sequential.builder(Shape.of(3)).add(dense).build();
    }

    private static Tensor outputsOf(Sequential model, Tensor x) {
        return model.newWorkspace(N).forward(x, Mode.INFERENCE).copy();
    }

    @Test
    void classificationMetricsAreThoseOfAllOutputsAcrossBatches() {
        SplittableRandom random = new SplittableRandom(14);
        Tensor x = GradientCheck.randomTensor(N, 3, random);
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 0, 1, 2};
        Sequential model = model(3, random);
        Loss loss = new SoftmaxCrossEntropy();
        Evaluation e = new Evaluator(model, loss, 3).evaluate(DataSet.classification("c", x, labels));
        ClassificationMetrics expected = ClassificationMetrics.of(labels,
                Predictions.probabilities(loss, outputsOf(model, x)));
        assertEquals(expected, e.classificationMetrics());
        assertEquals(e.accuracy(), e.classificationMetrics().accuracy(), 0.0);
        assertEquals(e.loss(), e.classificationMetrics().logLoss(), 1e-12, "softmax cross-entropy is the log loss");
        assertNull(e.regressionMetrics());
    }

    @Test
    void binaryEvaluationHasRankingMetrics() {
        SplittableRandom random = new SplittableRandom(15);
        Tensor x = GradientCheck.randomTensor(N, 3, random);
        int[] labels = {0, 1, 1, 0, 1, 0, 0, 1, 1, 0};
        Sequential model = model(1, random);
        Evaluation e = new Evaluator(model, new BinaryCrossEntropy(), 4).evaluate(DataSet.classification("b", x, labels));
        ClassificationMetrics m = e.classificationMetrics();
        assertEquals(2, m.classes());
        assertFalse(Double.isNaN(m.rocAuc()));
        assertFalse(Double.isNaN(m.averagePrecision()));
        assertEquals(e.loss(), m.logLoss(), 1e-12, "binary cross-entropy is the log loss");
    }

    @Test
    void regressionMetricsAgreeWithTheMeanAbsoluteError() {
        SplittableRandom random = new SplittableRandom(16);
        Tensor x = GradientCheck.randomTensor(N, 3, random);
        Tensor y = GradientCheck.randomTensor(N, 2, random);
        Sequential model = model(2, random);
        Evaluation e = new Evaluator(model, new MeanSquaredError(), 3).evaluate(DataSet.regression("r", x, y));
        RegressionMetrics m = e.regressionMetrics();
        assertEquals(RegressionMetrics.of(y, outputsOf(model, x)), m);
        assertEquals(e.meanAbsoluteError(), m.meanAbsoluteError(), 1e-12);
        assertTrue(m.rootMeanSquaredError() >= m.meanAbsoluteError());
        assertNull(e.classificationMetrics());
    }
}
