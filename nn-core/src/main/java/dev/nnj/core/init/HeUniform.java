package dev.nnj.core.init;

import dev.nnj.api.Initializer;
import dev.nnj.api.Tensor;
import java.util.random.RandomGenerator;

/** {@code he-uniform} (Kaiming, for ReLU): U(-l, l) with l = sqrt(6 / fanIn). */
public final class HeUniform implements Initializer {
    /**
     * The He uniform initialiser. It holds no state: the numbers come from the generator passed to
     * {@link #initialize}.
     */
    public HeUniform() {
    }

    @Override
    public void initialize(Tensor value, int fanIn, int fanOut, RandomGenerator random) {
        Uniform.fill(value, Math.sqrt(6.0 / fanIn), random);
    }
}
