package dev.nnj.core.init;

import dev.nnj.api.Initializer;
import dev.nnj.api.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/** {@code constant}: every value the key {@code value} (default 0). */
public final class Constant implements Initializer {
    private final double value;

    /**
     * An initialiser that writes one value everywhere (e.g. a bias of 0.1 before ReLU).
     *
     * @param value the value of every element; any double
     */
    public Constant(double value) {
        this.value = value;
    }

    @Override
    public void initialize(Tensor tensor, int fanIn, int fanOut, RandomGenerator random) {
        Arrays.fill(tensor.data(), 0, tensor.size(), value);
    }
}
