package dev.nnj.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.api.Activation;
import dev.nnj.api.DType;
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

    /**
     * An activation that {@linkplain Activation#supports(DType) supports} float32 computes there
     * what it computes in float64, from the rounded input: each value within
     * {@link #float32Tolerance()} of the float64 one, relative to its magnitude (or absolute below
     * 1). One that does not support float32 is run in float64 by nnj, and this test asks nothing of it.
     */
    @Test
    void float32AgreesWithFloat64WhereSupported() {
        Activation f = createActivation();
        if (!f.supports(DType.F32)) {
            return; // nnj runs it in float64, converted at its boundary: nothing to compare
        }
        SplittableRandom random = new SplittableRandom(3);
        Tensor z = input(random);
        Tensor gradA = GradientCheck.randomTensor(z.rows(), z.cols(), random);
        Tensor z32 = Tensor.zeros(z.rows(), z.cols(), DType.F32);
        z32.copyFrom(z);
        Tensor gradA32 = Tensor.zeros(z.rows(), z.cols(), DType.F32);
        gradA32.copyFrom(gradA);
        z.copyFrom(z32);
        gradA.copyFrom(gradA32);
        Tensor a = Tensor.zeros(z.rows(), z.cols());
        Tensor gradZ = Tensor.zeros(z.rows(), z.cols());
        f.forward(z, a);
        f.backward(z, a, gradA, gradZ);
        Tensor a32 = Tensor.zeros(z.rows(), z.cols(), DType.F32);
        Tensor gradZ32 = Tensor.zeros(z.rows(), z.cols(), DType.F32);
        f.forward(z32, a32);
        f.backward(z32, a32, gradA32, gradZ32);
        for (int i = 0; i < z.size(); i++) {
            assertEquals(a.get(i), a32.get(i), float32Tolerance() * Math.max(1, Math.abs(a.get(i))), "a[" + i + "]");
            assertEquals(gradZ.get(i), gradZ32.get(i), float32Tolerance() * Math.max(1, Math.abs(gradZ.get(i))),
                    "gradZ[" + i + "]");
        }
    }

    /**
     * @return the relative agreement of float32 with float64: 1e-6 by default, about 16 float
     *     roundings (2^-24 each), enough for the output's rounding and the derivative's reading
     *     the rounded output
     */
    protected double float32Tolerance() {
        return 1e-6;
    }
}
