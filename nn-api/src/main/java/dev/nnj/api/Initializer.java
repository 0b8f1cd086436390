package dev.nnj.api;

import java.util.random.RandomGenerator;

/** Fills a parameter's initial value. */
@Spi
public interface Initializer {

    /**
     * Writes the initial values of one parameter, e.g. from a distribution scaled by the fans.
     *
     * @param value [rows, cols] the parameter; overwritten
     * @param fanIn number of inputs of the layer
     * @param fanOut number of outputs of the layer
     * @param random a stream seeded for this parameter alone
     */
    void initialize(Tensor value, int fanIn, int fanOut, RandomGenerator random);
}
