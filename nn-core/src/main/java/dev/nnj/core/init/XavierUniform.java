package dev.nnj.core.init;

import dev.nnj.api.Initializer;
import dev.nnj.api.Tensor;
import java.util.random.RandomGenerator;

/** {@code xavier-uniform} (Glorot): U(-l, l) with l = sqrt(6 / (fanIn + fanOut)). */
public final class XavierUniform implements Initializer {
    /**
     * The Xavier uniform initialiser. It holds no state: the numbers come from the generator passed
     * to {@link #initialize}.
     */
    public XavierUniform() {
    }

    @Override
    public void initialize(Tensor value, int fanIn, int fanOut, RandomGenerator random) {
        Uniform.fill(value, Math.sqrt(6.0 / (fanIn + fanOut)), random);
    }
}
