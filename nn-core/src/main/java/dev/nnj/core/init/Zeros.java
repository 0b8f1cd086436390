package dev.nnj.core.init;

import dev.nnj.api.Initializer;
import dev.nnj.api.Tensor;
import java.util.random.RandomGenerator;

/** {@code zeros}: every value 0. */
public final class Zeros implements Initializer {
    /**
     * The zero initialiser, e.g. for biases. It holds no state.
     */
    public Zeros() {
    }

    @Override
    public void initialize(Tensor value, int fanIn, int fanOut, RandomGenerator random) {
        value.zero();
    }
}
