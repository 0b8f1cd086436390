package dev.nnj.api;

import java.util.Arrays;

/**
 * A batch of examples: {@code rows} examples of {@code cols} values each, stored row-major in one
 * contiguous {@code double[]} (the layout of EJML's {@code DMatrixRMaj}), so that math libraries can
 * work on {@link #data()} without copying.
 *
 * <p>A tensor is allocated once for a maximum number of rows ({@link #capacityRows()}); the number
 * of rows in use can shrink and grow within that capacity ({@link #setRows(int)}) so that a short
 * last mini-batch needs no new buffer. Not thread-safe.
 */
public final class Tensor {
    private final double[] data;
    private final int cols;
    private final int capacityRows;
    private int rows;

    private Tensor(double[] data, int rows, int cols) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
        this.capacityRows = data.length / cols;
    }

    /**
     * Allocates a tensor of {@code rows} rows in use and room for as many (at least one).
     *
     * @param rows number of examples, at least 0; also the capacity (a tensor of 0 rows has room for 1)
     * @param cols values per example, at least 1
     * @return a tensor of zeros
     * @throws IllegalArgumentException if {@code rows} is negative or {@code cols} below 1
     * @throws ShapeMismatchException if the values would not fit in one array or in this JVM's maximum
     *     heap ({@code -Xmx})
     */
    public static Tensor zeros(int rows, int cols) {
        if (rows < 0 || cols < 1) {
            throw new IllegalArgumentException(
                    "A tensor needs rows >= 0 and cols >= 1; got [" + rows + ", " + cols + "].");
        }
        long values = (long) Math.max(rows, 1) * cols;
        long available = Runtime.getRuntime().maxMemory();
        if (values > Integer.MAX_VALUE - 8 || values * 8 > available) {
            throw new ShapeMismatchException("A tensor of [" + rows + ", " + cols + "] needs " + values * 8
                    + " bytes; this JVM may use " + available + " in all (-Xmx). Check the sizes in the model.");
        }
        return new Tensor(new double[(int) values], rows, cols);
    }

    /**
     * Wraps an array without copying.
     *
     * @param data row-major values; its length must be {@code rows * cols}; shared, not copied
     * @param rows number of examples, at least 1; also the capacity
     * @param cols values per example, at least 1
     * @return a tensor of {@code [rows, cols]} whose {@link #data()} is {@code data}
     * @throws IllegalArgumentException if {@code rows} or {@code cols} is below 1 or the length of
     *     {@code data} is not {@code rows * cols}
     */
    public static Tensor wrap(double[] data, int rows, int cols) {
        if (rows < 1 || cols < 1 || data.length != rows * cols) {
            throw new IllegalArgumentException("Cannot view " + data.length + " values as [" + rows + ", "
                    + cols + "]: expected rows >= 1, cols >= 1 and exactly rows * cols values.");
        }
        return new Tensor(data, rows, cols);
    }

    /**
     * Copies rows given as arrays, e.g. in tests.
     *
     * @param values the rows, at least one, all of the same length; not modified
     * @return a tensor of one row per element of {@code values}, copied
     * @throws IllegalArgumentException if the rows differ in length
     */
    public static Tensor of(double[][] values) {
        Tensor t = zeros(values.length, values[0].length);
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != t.cols) {
                throw new IllegalArgumentException("Row " + r + " has " + values[r].length
                        + " values; row 0 has " + t.cols + ".");
            }
            System.arraycopy(values[r], 0, t.data, r * t.cols, t.cols);
        }
        return t;
    }

    /**
     * The values themselves, for kernels that work on the array; writing into it changes the
     * tensor.
     *
     * @return the backing array; only the first {@code rows * cols} values are in use
     */
    public double[] data() {
        return data;
    }

    /**
     * The element type of the values.
     *
     * @return {@link DType#F64}: every tensor of nnj 0.2 holds doubles (float32 storage comes later)
     */
    public DType dtype() {
        return DType.F64;
    }

    /**
     * The number of rows in use, which {@link #setRows(int)} changes.
     *
     * @return the number of examples in use, between 0 and {@link #capacityRows()}
     */
    public int rows() {
        return rows;
    }

    /**
     * The number of values per example, fixed at allocation.
     *
     * @return the number of columns, at least 1
     */
    public int cols() {
        return cols;
    }

    /**
     * The number of rows the buffer has room for.
     *
     * @return the largest value {@link #setRows(int)} accepts
     */
    public int capacityRows() {
        return capacityRows;
    }

    /**
     * The number of values in use, which can be less than the length of {@link #data()}.
     *
     * @return the number of values in use: {@code rows * cols}
     */
    public int size() {
        return rows * cols;
    }

    /**
     * Changes the number of rows in use, keeping the buffer. The values are left as they are: rows
     * brought back into use hold whatever they held before.
     *
     * @param rows the new number of rows in use, between 0 and {@link #capacityRows()}
     * @throws ShapeMismatchException if {@code rows} is negative or exceeds the capacity
     */
    public void setRows(int rows) {
        if (rows < 0 || rows > capacityRows) {
            throw new ShapeMismatchException("Cannot use " + rows + " rows of a tensor allocated for "
                    + capacityRows + " rows of " + cols + " values; allocate a larger one.");
        }
        this.rows = rows;
    }

    /**
     * Reads one value. For speed the indices are not checked: only a position outside the buffer
     * throws ({@link ArrayIndexOutOfBoundsException}).
     *
     * @param row the example, in [0, {@link #rows()})
     * @param col the value within the example, in [0, {@link #cols()})
     * @return the value at {@code [row, col]}
     */
    public double get(int row, int col) {
        return data[row * cols + col];
    }

    /**
     * Writes one value. For speed the indices are not checked: only a position outside the buffer
     * throws ({@link ArrayIndexOutOfBoundsException}).
     *
     * @param row the example, in [0, {@link #rows()})
     * @param col the value within the example, in [0, {@link #cols()})
     * @param value the new value at {@code [row, col]}
     */
    public void set(int row, int col, double value) {
        data[row * cols + col] = value;
    }

    /** Sets every value in use to zero. */
    public void zero() {
        Arrays.fill(data, 0, rows * cols, 0.0);
    }

    /**
     * Copies the rows in use into a new tensor of that many rows.
     *
     * @return a new tensor with a copy of the values in use
     */
    public Tensor copy() {
        Tensor t = zeros(rows, cols);
        System.arraycopy(data, 0, t.data, 0, size());
        return t;
    }

    /**
     * Copies one example out, e.g. for printing a prediction.
     *
     * @param row the example, in [0, {@link #rows()})
     * @return the values of row {@code row}, copied
     */
    public double[] row(int row) {
        return Arrays.copyOfRange(data, row * cols, (row + 1) * cols);
    }

    /**
     * The shape in use, as error messages write it.
     *
     * @return {@code [rows, cols]}
     */
    public String shapeString() {
        return "[" + rows + ", " + cols + "]";
    }

    @Override
    public String toString() {
        return "Tensor" + shapeString();
    }
}
