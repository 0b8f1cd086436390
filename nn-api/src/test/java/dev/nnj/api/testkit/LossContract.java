package dev.nnj.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.Loss;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Loss} must do: its gradient matches central differences (tolerance
 * {@link #tolerance()}), the score does not depend on whether a gradient is asked for,
 * predictions and targets of different shapes are refused, and nothing is allocated after warm-up.
 */
public abstract class LossContract {

    protected abstract Loss createLoss();

    protected double tolerance() {
        return 1e-7;
    }

    /** @return predictions: values in [-2, 2) */
    protected Tensor prediction(SplittableRandom random) {
        Tensor p = GradientCheck.randomTensor(5, 4, random);
        for (int i = 0; i < p.size(); i++) {
            p.data()[i] *= 2;
        }
        return p;
    }

    /** @return targets for {@code prediction}: one-hot rows by default */
    protected Tensor target(Tensor prediction, SplittableRandom random) {
        Tensor t = Tensor.zeros(prediction.rows(), prediction.cols());
        for (int i = 0; i < t.rows(); i++) {
            t.set(i, random.nextInt(t.cols()), 1);
        }
        return t;
    }

    @Test
    void gradientMatchesCentralDifferences() {
        SplittableRandom random = new SplittableRandom(5);
        Tensor p = prediction(random);
        GradientCheck.checkLoss(createLoss(), p, target(p, random), tolerance());
    }

    @Test
    void scoreIsTheSameWithOrWithoutAGradient() {
        SplittableRandom random = new SplittableRandom(6);
        Tensor p = prediction(random);
        Tensor t = target(p, random);
        Loss loss = createLoss();
        assertEquals(loss.compute(p, t, null), loss.compute(p, t, Tensor.zeros(p.rows(), p.cols())), 0.0);
    }

    @Test
    void refusesPredictionAndTargetOfDifferentShapes() {
        Tensor p = prediction(new SplittableRandom(1));
        assertThrows(ShapeMismatchException.class, () -> createLoss().compute(p, Tensor.zeros(p.rows(), p.cols() + 1), null));
    }

    @Test
    void computeAllocatesNothingAfterWarmUp() {
        SplittableRandom random = new SplittableRandom(8);
        Loss loss = createLoss();
        Tensor p = prediction(random);
        Tensor t = target(p, random);
        Tensor g = Tensor.zeros(p.rows(), p.cols());
        Allocations.assertAllocatesAtMost(16, 2_000, () -> loss.compute(p, t, g));
    }
}
