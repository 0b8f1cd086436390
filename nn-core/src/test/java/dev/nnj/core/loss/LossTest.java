package dev.nnj.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.GradientCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossTest {
    /** Central differences (h = 1e-6) on smooth losses: error ~1e-10; 1e-7 leaves margin. */
    private static final double TOLERANCE = 1e-7;
    private final SplittableRandom random = new SplittableRandom(3);

    @Test
    void mseGradientMatchesCentralDifferences() {
        GradientCheck.checkLoss(new MeanSquaredError(), GradientCheck.randomTensor(4, 3, random),
                GradientCheck.randomTensor(4, 3, random), TOLERANCE);
    }

    @Test
    void softmaxCrossEntropyGradientMatchesCentralDifferences() {
        Tensor logits = GradientCheck.randomTensor(5, 4, random);
        for (int i = 0; i < logits.size(); i++) {
            logits.data()[i] *= 4;
        }
        GradientCheck.checkLoss(new SoftmaxCrossEntropy(), logits, oneHot(new int[] {0, 3, 1, 1, 2}, 4), TOLERANCE);
    }

    @Test
    void binaryCrossEntropyGradientMatchesCentralDifferences() {
        Tensor logits = GradientCheck.randomTensor(4, 2, random);
        Tensor targets = Tensor.of(new double[][] {{1, 0}, {0, 0}, {1, 1}, {0.3, 0.8}});
        GradientCheck.checkLoss(new BinaryCrossEntropy(), logits, targets, TOLERANCE);
    }

    @Test
    void mseIsTheMeanOverAllValuesAsPyTorch() {
        Tensor p = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor t = Tensor.of(new double[][] {{0, 2}, {1, 4}});
        assertEquals((1 + 0 + 4 + 0) / 4.0, new MeanSquaredError().compute(p, t, null), 0.0);
    }

    @Test
    void softmaxCrossEntropyEqualsMinusLogSoftmaxOfTheTrueClass() {
        Tensor z = Tensor.of(new double[][] {{1, 2, 3}, {0, 0, 0}});
        double row0 = -Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
        double row1 = Math.log(3);
        assertEquals((row0 + row1) / 2, new SoftmaxCrossEntropy().compute(z, oneHot(new int[] {2, 0}, 3), null), 1e-15);
    }

    @Test
    void softmaxCrossEntropyIsExactForHugeLogits() {
        Tensor z = Tensor.of(new double[][] {{1000, 0}});
        Tensor g = Tensor.zeros(1, 2);
        double loss = new SoftmaxCrossEntropy().compute(z, oneHot(new int[] {1}, 2), g);
        assertEquals(1000.0, loss, 0.0);
        assertEquals(1.0, g.get(0, 0), 0.0);
        assertEquals(-1.0, g.get(0, 1), 0.0);
    }

    @Test
    void binaryCrossEntropyMatchesItsDefinitionAndStaysFinite() {
        double z = 0.7;
        double s = 1 / (1 + Math.exp(-z));
        double expected = -(0.25 * Math.log(s) + 0.75 * Math.log(1 - s));
        Tensor target = Tensor.of(new double[][] {{0.25}});
        assertEquals(expected, new BinaryCrossEntropy().compute(Tensor.of(new double[][] {{z}}), target, null), 1e-15);
        double huge = new BinaryCrossEntropy().compute(Tensor.of(new double[][] {{-800}}), Tensor.of(new double[][] {{1}}), null);
        assertEquals(800.0, huge, 0.0);
        assertTrue(Double.isFinite(huge));
    }

    @Test
    void rejectsPredictionAndTargetOfDifferentShapes() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> new MeanSquaredError().compute(Tensor.zeros(2, 3), Tensor.zeros(2, 1), null));
        assertEquals("mse: prediction [2, 3] and target [2, 1] differ; the model's last layer must have one unit "
                + "per target column.", e.getMessage());
    }

    static Tensor oneHot(int[] labels, int classes) {
        Tensor t = Tensor.zeros(labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            t.set(i, labels[i], 1);
        }
        return t;
    }
}
