package dev.nnj.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Loss;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.api.testkit.LossContract;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LossTest {
    // The loss contract of the nn-api test kit (gradient check with tolerance 1e-7, shapes,
    // allocation), for each built-in loss.

    @Nested
    class MseContract extends LossContract {
        @Override
        protected Loss createLoss() {
            return new MeanSquaredError();
        }

        @Override
        protected Tensor target(Tensor prediction, SplittableRandom random) {
            return GradientCheck.randomTensor(prediction.rows(), prediction.cols(), random);
        }
    }

    /** Logits scaled up to ±8: the fused log-sum-exp must stay exact. */
    @Nested
    class SoftmaxCrossEntropyContract extends LossContract {
        @Override
        protected Loss createLoss() {
            return new SoftmaxCrossEntropy();
        }

        @Override
        protected Tensor prediction(SplittableRandom random) {
            Tensor logits = super.prediction(random);
            for (int i = 0; i < logits.size(); i++) {
                logits.data()[i] *= 4;
            }
            return logits;
        }
    }

    /** Targets anywhere in [0, 1], not only 0 and 1. */
    @Nested
    class BinaryCrossEntropyContract extends LossContract {
        @Override
        protected Loss createLoss() {
            return new BinaryCrossEntropy();
        }

        @Override
        protected Tensor target(Tensor prediction, SplittableRandom random) {
            Tensor t = Tensor.zeros(prediction.rows(), prediction.cols());
            for (int i = 0; i < t.size(); i++) {
                t.data()[i] = random.nextDouble();
            }
            return t;
        }
    }

    @Nested
    class MaeContract extends LossContract {
        @Override
        protected Loss createLoss() {
            return new MeanAbsoluteError();
        }

        @Override
        protected Tensor target(Tensor prediction, SplittableRandom random) {
            return GradientCheck.randomTensor(prediction.rows(), prediction.cols(), random);
        }
    }

    /** δ = 0.5: the values fall on both sides of the switch from quadratic to linear. */
    @Nested
    class HuberContract extends LossContract {
        @Override
        protected Loss createLoss() {
            return new Huber(0.5);
        }

        @Override
        protected Tensor target(Tensor prediction, SplittableRandom random) {
            return GradientCheck.randomTensor(prediction.rows(), prediction.cols(), random);
        }
    }

    @Test
    void maeAndHuberAreMeansOverAllValuesAsPyTorch() {
        Tensor p = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor t = Tensor.of(new double[][] {{0, 2}, {1, 4.5}});
        assertEquals((1 + 0 + 2 + 0.5) / 4, new MeanAbsoluteError().compute(p, t, null), 0.0);
        // d = 1, 0, 2, -0.5 with δ = 1: 0.5, 0, 1.5, 0.125
        assertEquals((0.5 + 0 + 1.5 + 0.125) / 4, new Huber(1).compute(p, t, null), 1e-15);
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
