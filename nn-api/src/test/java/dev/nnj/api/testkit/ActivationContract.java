package dev.nnj.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nnj.api.Activation;
import dev.nnj.api.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Activation} must do: its vector-Jacobian product matches central differences
 * (tolerance {@link #tolerance()}), forward leaves its input alone, and neither pass allocates after
 * warm-up. Inputs keep clear of 0 by default, where ReLU-like functions have a kink.
 */
public abstract class ActivationContract {

    protected abstract Activation createActivation();

    protected double tolerance() {
        return 1e-7;
    }

    /** @return inputs in ±[0.1, 3] */
    protected Tensor input(SplittableRandom random) {
        Tensor z = Tensor.zeros(4, 6);
        for (int i = 0; i < z.size(); i++) {
            double v = 0.1 + 2.9 * random.nextDouble();
            z.data()[i] = random.nextBoolean() ? v : -v;
        }
        return z;
    }

    @Test
    void vectorJacobianProductMatchesCentralDifferences() {
        SplittableRandom random = new SplittableRandom(7);
        GradientCheck.checkActivation(createActivation(), input(random), tolerance(), random);
    }

    @Test
    void forwardLeavesItsInputAlone() {
        Tensor z = input(new SplittableRandom(1));
        double[] before = z.data().clone();
        createActivation().forward(z, Tensor.zeros(z.rows(), z.cols()));
        assertArrayEquals(before, z.data(), 0.0);
    }

    @Test
    void forwardAndBackwardAllocateNothingAfterWarmUp() {
        SplittableRandom random = new SplittableRandom(2);
        Activation f = createActivation();
        Tensor z = input(random);
        Tensor a = Tensor.zeros(z.rows(), z.cols());
        Tensor gradA = GradientCheck.randomTensor(z.rows(), z.cols(), random);
        Tensor gradZ = Tensor.zeros(z.rows(), z.cols());
        Allocations.assertAllocatesAtMost(16, 2_000, () -> {
            f.forward(z, a);
            f.backward(z, a, gradA, gradZ);
        });
    }
}
