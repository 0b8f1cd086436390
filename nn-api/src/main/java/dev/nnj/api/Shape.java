package dev.nnj.api;

import java.util.Arrays;

/**
 * The shape of one example (without the batch dimension), e.g. {@code [64]} for a row of 64
 * features. Immutable.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /**
     * The shape of an example of these dimensions.
     *
     * @param dims each at least 1; at least one dimension
     * @return the shape
     * @throws IllegalArgumentException if there is no dimension or one is below 1
     */
    public static Shape of(int... dims) {
        if (dims.length == 0) {
            throw new IllegalArgumentException("A shape needs at least one dimension; got [].");
        }
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException(
                        "Every dimension of a shape must be at least 1; got " + Arrays.toString(dims) + ".");
            }
        }
        return new Shape(dims.clone());
    }

    /**
     * The shape of a single value, rank 0, as PyTorch gives a counter such as
     * {@code num_batches_tracked}; for buffers, not for examples.
     *
     * @return the shape {@code []}, whose {@link #size()} is 1
     */
    public static Shape scalar() {
        return SCALAR;
    }

    /**
     * The number of dimensions.
     *
     * @return 1 for a row of features, 3 for an image of [channels, height, width]; 0 only for
     *     {@link #scalar()}
     */
    public int rank() {
        return dims.length;
    }

    /**
     * One dimension.
     *
     * @param i the index of the dimension, in [0, {@link #rank()})
     * @return the size of dimension {@code i}, at least 1
     * @throws ArrayIndexOutOfBoundsException if {@code i} is outside [0, {@link #rank()})
     */
    public int dim(int i) {
        return dims[i];
    }

    /**
     * The width of one example as a row of a {@link Tensor}.
     *
     * @return the number of values of one example: the product of the dimensions
     */
    public int size() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /**
     * All dimensions, outermost first.
     *
     * @return a copy of the dimensions; changing it does not change this shape
     */
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** @return e.g. {@code [28, 28]} */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
