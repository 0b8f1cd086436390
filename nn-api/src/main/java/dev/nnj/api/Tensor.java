package dev.nnj.api;

import java.util.Arrays;

/**
 * A batch of examples: {@code rows} examples of {@code cols} values each, stored row-major in one
 * contiguous array (the layout of EJML's {@code DMatrixRMaj}), so that math libraries can work on it
 * without copying: a {@code double[]} ({@link #data()}) for {@link DType#F64}, the default, or a
 * {@code float[]} ({@link #floatData()}) for {@link DType#F32}. {@link #get(int)} and
 * {@link #set(int, double)} read and write either.
 *
 * <p>A tensor is allocated once for a maximum number of rows ({@link #capacityRows()}); the number
 * of rows in use can shrink and grow within that capacity ({@link #setRows(int)}) so that a short
 * last mini-batch needs no new buffer. Not thread-safe.
 */
public final class Tensor {
    private final double[] data;
    private final float[] floats;
    private final int cols;
    private final int capacityRows;
    private int rows;

    private Tensor(double[] data, float[] floats, int rows, int cols) {
        this.data = data;
        this.floats = floats;
        this.rows = rows;
        this.cols = cols;
        this.capacityRows = (data != null ? data.length : floats.length) / cols;
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
        return zeros(rows, cols, DType.F64);
    }

    /**
     * Allocates a tensor of {@code rows} rows in use and room for as many (at least one), holding
     * values of {@code type}.
     *
     * @param rows number of examples, at least 0; also the capacity (a tensor of 0 rows has room for 1)
     * @param cols values per example, at least 1
     * @param type {@link DType#F64} (a {@code double[]}) or {@link DType#F32} (a {@code float[]})
     * @return a tensor of zeros
     * @throws IllegalArgumentException if {@code rows} is negative, {@code cols} below 1 or
     *     {@code type} is {@link DType#I64} (integer buffers are held as {@link DType#F64})
     * @throws ShapeMismatchException if the values would not fit in one array or in this JVM's maximum
     *     heap ({@code -Xmx})
     */
    public static Tensor zeros(int rows, int cols, DType type) {
        if (rows < 0 || cols < 1) {
            throw new IllegalArgumentException(
                    "A tensor needs rows >= 0 and cols >= 1; got [" + rows + ", " + cols + "].");
        }
        if (type != DType.F64 && type != DType.F32) {
            throw new IllegalArgumentException("A tensor holds F64 or F32 values; got " + type
                    + " (I64 buffers are held in an F64 tensor: see Buffer.ofInt64).");
        }
        int bytes = type == DType.F32 ? 4 : 8;
        long values = (long) Math.max(rows, 1) * cols;
        long available = Runtime.getRuntime().maxMemory();
        if (values > Integer.MAX_VALUE - 8 || values * bytes > available) {
            throw new ShapeMismatchException("A tensor of [" + rows + ", " + cols + "] needs " + values * bytes
                    + " bytes; this JVM may use " + available + " in all (-Xmx). Check the sizes in the model.");
        }
        return type == DType.F32 ? new Tensor(null, new float[(int) values], rows, cols)
                : new Tensor(new double[(int) values], null, rows, cols);
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
        return new Tensor(data, null, rows, cols);
    }

    /**
     * Wraps a {@code float[]} without copying, as a {@link DType#F32} tensor.
     *
     * @param data row-major values; its length must be {@code rows * cols}; shared, not copied
     * @param rows number of examples, at least 1; also the capacity
     * @param cols values per example, at least 1
     * @return a tensor of {@code [rows, cols]} whose {@link #floatData()} is {@code data}
     * @throws IllegalArgumentException if {@code rows} or {@code cols} is below 1 or the length of
     *     {@code data} is not {@code rows * cols}
     */
    public static Tensor wrap(float[] data, int rows, int cols) {
        if (rows < 1 || cols < 1 || data.length != rows * cols) {
            throw new IllegalArgumentException("Cannot view " + data.length + " values as [" + rows + ", "
                    + cols + "]: expected rows >= 1, cols >= 1 and exactly rows * cols values.");
        }
        return new Tensor(null, data, rows, cols);
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
     * @throws IllegalStateException if this tensor holds {@link DType#F32} values: read them with
     *     {@link #floatData()}, or {@link #get(int)}
     */
    public double[] data() {
        if (data == null) {
            throw new IllegalStateException("This " + shapeString() + " tensor holds float32 values: read them "
                    + "with floatData() or get(i). Code that reads data() computes in float64 only: a layer that does "
                    + "must answer supports(DType.F32) with false, and nnj then converts at its boundary.");
        }
        return data;
    }

    /**
     * The values of a {@link DType#F32} tensor themselves, for kernels that work on the array;
     * writing into it changes the tensor.
     *
     * @return the backing array; only the first {@code rows * cols} values are in use
     * @throws IllegalStateException if this tensor holds {@link DType#F64} values: read them with
     *     {@link #data()}
     */
    public float[] floatData() {
        if (floats == null) {
            throw new IllegalStateException("This " + shapeString() + " tensor holds float64 values: read them "
                    + "with data() or get(i).");
        }
        return floats;
    }

    /**
     * The element type of the values.
     *
     * @return {@link DType#F64} or {@link DType#F32}, as allocated
     */
    public DType dtype() {
        return floats != null ? DType.F32 : DType.F64;
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
        return get(row * cols + col);
    }

    /**
     * Reads one value by its position in the row-major buffer, of either element type. For speed
     * the index is not checked against the rows in use.
     *
     * @param index {@code row * cols() + col}, in [0, {@link #size()})
     * @return the value, widened to double for {@link DType#F32}
     */
    public double get(int index) {
        return floats != null ? floats[index] : data[index];
    }

    /**
     * Writes one value by its position in the row-major buffer, of either element type. For speed
     * the index is not checked against the rows in use.
     *
     * @param index {@code row * cols() + col}, in [0, {@link #size()})
     * @param value the new value, rounded to the nearest float for {@link DType#F32}
     */
    public void set(int index, double value) {
        if (floats != null) {
            floats[index] = (float) value;
        } else {
            data[index] = value;
        }
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
        set(row * cols + col, value);
    }

    /** Sets every value in use to zero. */
    public void zero() {
        if (floats != null) {
            Arrays.fill(floats, 0, rows * cols, 0f);
        } else {
            Arrays.fill(data, 0, rows * cols, 0.0);
        }
    }

    /**
     * Copies the rows in use into a new tensor of that many rows, of the same element type.
     *
     * @return a new tensor with a copy of the values in use
     */
    public Tensor copy() {
        Tensor t = zeros(rows, cols, dtype());
        t.copyFrom(this);
        return t;
    }

    /**
     * Copies another tensor's rows in use into this one, converting the element type (float64 to
     * float32 rounds to nearest), and uses as many rows.
     *
     * @param source the values to copy; not modified; may be of either element type
     * @throws ShapeMismatchException if {@code source} has other columns or more rows than this
     *     tensor has room for
     */
    public void copyFrom(Tensor source) {
        if (source.cols != cols || source.rows > capacityRows) {
            throw new ShapeMismatchException("Cannot copy a " + source.shapeString() + " tensor into one of "
                    + capacityRows + " rows of " + cols + " values.");
        }
        int n = source.size();
        if (floats != null && source.floats != null) {
            System.arraycopy(source.floats, 0, floats, 0, n);
        } else if (data != null && source.data != null) {
            System.arraycopy(source.data, 0, data, 0, n);
        } else if (floats != null) {
            double[] from = source.data;
            for (int i = 0; i < n; i++) {
                floats[i] = (float) from[i];
            }
        } else {
            float[] from = source.floats;
            for (int i = 0; i < n; i++) {
                data[i] = from[i];
            }
        }
        rows = source.rows;
    }

    /**
     * Copies one example out, e.g. for printing a prediction.
     *
     * @param row the example, in [0, {@link #rows()})
     * @return the values of row {@code row}, copied
     */
    public double[] row(int row) {
        if (data != null) {
            return Arrays.copyOfRange(data, row * cols, (row + 1) * cols);
        }
        double[] values = new double[cols];
        for (int j = 0; j < cols; j++) {
            values[j] = floats[row * cols + j];
        }
        return values;
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
        return "Tensor" + shapeString() + (floats != null ? " F32" : "");
    }
}
