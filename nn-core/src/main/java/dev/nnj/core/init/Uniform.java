package dev.nnj.core.init;

import dev.nnj.api.Tensor;
import java.util.random.RandomGenerator;

final class Uniform {
    private Uniform() {
    }

    /** Fills {@code value} with draws from U(-limit, limit), in row-major order. */
    static void fill(Tensor value, double limit, RandomGenerator random) {
        double[] d = value.data();
        for (int i = 0, n = value.size(); i < n; i++) {
            d[i] = (2.0 * random.nextDouble() - 1.0) * limit;
        }
    }
}
