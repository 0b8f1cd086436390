package dev.nnj.core.eval;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.DataException;
import dev.nnj.api.Loss;
import dev.nnj.api.Mode;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import dev.nnj.core.model.Sequential;
import java.util.List;

/**
 * Serves a trained model to any number of threads at once: one instance per model, shared.
 *
 * <pre>{@code
 * Predictor predictor = ModelArchive.load(Path.of("digits.nnj"), runtime.assembler()).predictor();
 * Prediction p = predictor.predict(pixels);        // from any thread
 * int digit = p.predictedClass();
 * double confidence = p.output(digit);
 * }</pre>
 *
 * <p>Each call runs the model in {@link Mode#INFERENCE} in a {@link dev.nnj.core.model.Workspace}
 * taken from a pool and copies its results out before returning the workspace. The pool makes a
 * workspace only when every one it has is in use, so it holds as many as the most calls that ran
 * at once ({@link #poolSize()}); after that a single-row call allocates only its result. A pool
 * rather than a {@code ThreadLocal}: callers' thread pools are often far larger than the number of
 * calls in flight (a servlet container's 200 threads would hold 200 workspaces), a virtual thread
 * per request would make a workspace per call, and a {@code ThreadLocal}'s workspaces outlive a
 * discarded predictor in every long-lived thread that used it. The pool's lock is held only to take
 * or return a workspace, a few tens of nanoseconds against the microseconds of a forward pass.
 *
 * <p>Inputs are checked before the model runs: a row with the wrong number of features, a null, a
 * NaN or an infinity is refused with a message naming it. A non-finite input would make every
 * output NaN and the predicted class silently 0, so it is an error, not a prediction; fill in
 * missing values before predicting.
 *
 * <p>The model's parameters are read, never written: do not train the model while it serves. For a
 * model trained on a table's standardised regression target, values are in the model's units;
 * {@link dev.nnj.core.table.TableTarget#toUnits(double)} maps them back.
 */
public final class Predictor {
    /** The largest batch a workspace of {@link #Predictor(Sequential, Loss)} runs at once. */
    public static final int DEFAULT_MAX_BATCH = 64;

    private final Sequential model;
    private final Loss loss;
    private final int maxBatch;
    private final int inputs;
    private final int outputs;
    private final WorkspacePool pool;

    /**
     * A predictor whose workspaces run up to {@link #DEFAULT_MAX_BATCH} rows at once.
     *
     * @param model the trained model; its parameters are read, not modified
     * @param loss the loss it was trained with: says whether it classifies and whether its outputs
     *     are logits
     * @throws NullPointerException if an argument is null
     */
    public Predictor(Sequential model, Loss loss) {
        this(model, loss, DEFAULT_MAX_BATCH);
    }

    /**
     * A predictor whose workspaces run up to {@code maxBatch} rows at once; larger batches are run in
     * parts of {@code maxBatch} rows.
     *
     * @param model the trained model; its parameters are read, not modified
     * @param loss the loss it was trained with: says whether it classifies and whether its outputs
     *     are logits
     * @param maxBatch the rows of each workspace, &gt;= 1; every workspace holds its layers' outputs
     *     for that many rows
     * @throws NullPointerException if {@code model} or {@code loss} is null
     * @throws IllegalArgumentException if {@code maxBatch} is below 1
     */
    public Predictor(Sequential model, Loss loss, int maxBatch) {
        this.model = requireNonNull(model, "model is null");
        this.loss = requireNonNull(loss, "loss is null");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1; got " + maxBatch + ".");
        }
        this.maxBatch = maxBatch;
        this.inputs = model.inputShape().size();
        this.outputs = model.outputShape().size();
        this.pool = new WorkspacePool(model, maxBatch);
    }

    /**
     * Predicts one example.
     *
     * @param features [inputs] one example, in the order of the model's input; not modified
     * @return the predicted class and probabilities, or the predicted values
     * @throws NullPointerException if {@code features} is null
     * @throws ShapeMismatchException if {@code features} does not hold one value per input
     * @throws DataException if a feature is NaN or infinite
     */
    public Prediction predict(double[] features) {
        requireNonNull(features, "features is null");
        checkRow(features, "features");
        WorkspacePool.Lease lease = pool.take();
        try {
            lease.input.setRows(1);
            System.arraycopy(features, 0, lease.input.data(), 0, inputs);
            Tensor out = lease.workspace.forward(lease.input, Mode.INFERENCE);
            Predictions.probabilities(loss, out, lease.probabilities);
            return prediction(out, lease.probabilities, 0);
        } finally {
            pool.give(lease);
        }
    }

    /**
     * Predicts a batch of examples, {@link #maxBatch()} rows per forward pass; each row's result
     * does not depend on the batch it came in or on other threads.
     *
     * @param rows [n][inputs] the examples; not modified
     * @return n predictions, in the order of {@code rows}; an unmodifiable list
     * @throws NullPointerException if {@code rows} or one of its rows is null
     * @throws ShapeMismatchException if a row does not hold one value per input
     * @throws DataException if a feature is NaN or infinite
     */
    public List<Prediction> predict(double[][] rows) {
        requireNonNull(rows, "rows is null");
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null) {
                throw new NullPointerException("rows[" + r + "] is null");
            }
            checkRow(rows[r], "rows[" + r + "]");
        }
        Prediction[] result = new Prediction[rows.length];
        WorkspacePool.Lease lease = pool.take();
        try {
            for (int from = 0; from < rows.length; from += maxBatch) {
                int count = Math.min(maxBatch, rows.length - from);
                lease.input.setRows(count);
                for (int i = 0; i < count; i++) {
                    System.arraycopy(rows[from + i], 0, lease.input.data(), i * inputs, inputs);
                }
                Tensor out = lease.workspace.forward(lease.input, Mode.INFERENCE);
                Predictions.probabilities(loss, out, lease.probabilities);
                for (int i = 0; i < count; i++) {
                    result[from + i] = prediction(out, lease.probabilities, i);
                }
            }
        } finally {
            pool.give(lease);
        }
        return List.of(result);
    }

    /**
     * Predicts a batch of examples into one tensor, without an object per row; {@link #maxBatch()}
     * rows per forward pass. The classes are {@link Predictions#predictedClass(Tensor, int)} of the result.
     *
     * @param x [n, inputs] the examples; not modified
     * @return [n, outputs] a new tensor: the probabilities (softmax, or sigmoid for one output) of a
     *     model on logits, else its outputs; the values of {@link #predict(double[][])}, to the bit
     * @throws NullPointerException if {@code x} is null
     * @throws ShapeMismatchException if {@code x} does not have one column per input
     * @throws DataException if a value is NaN or infinite
     */
    public Tensor predict(Tensor x) {
        requireNonNull(x, "x is null");
        model.checkInput(x);
        double[] d = x.data();
        for (int i = 0, n = x.size(); i < n; i++) {
            if (!Double.isFinite(d[i])) {
                throw nonFinite("x[" + i / inputs + ", " + i % inputs + "]", d[i]);
            }
        }
        Tensor result = Tensor.zeros(x.rows(), outputs);
        WorkspacePool.Lease lease = pool.take();
        try {
            for (int from = 0; from < x.rows(); from += maxBatch) {
                int count = Math.min(maxBatch, x.rows() - from);
                lease.input.setRows(count);
                System.arraycopy(d, from * inputs, lease.input.data(), 0, count * inputs);
                Tensor out = lease.workspace.forward(lease.input, Mode.INFERENCE);
                Predictions.probabilities(loss, out, lease.probabilities);
                System.arraycopy(lease.probabilities.data(), 0, result.data(), from * outputs, count * outputs);
            }
        } finally {
            pool.give(lease);
        }
        return result;
    }

    /**
     * The rows a workspace runs at once.
     *
     * @return the largest batch of one forward pass; larger batches are run in parts of this many rows
     */
    public int maxBatch() {
        return maxBatch;
    }

    /**
     * How many workspaces this predictor has made, for monitoring and tests.
     *
     * @return the number of workspaces in the pool, busy or free: the most calls that ran at once
     *     so far
     */
    public int poolSize() {
        return pool.size();
    }

    private Prediction prediction(Tensor out, Tensor probabilities, int i) {
        double[] row = probabilities.row(i);
        return loss.isClassification() ? Prediction.ofClass(Predictions.predictedClass(loss, out, i), row)
                : Prediction.ofValues(row);
    }

    private void checkRow(double[] row, String name) {
        if (row.length != inputs) {
            throw new ShapeMismatchException(name + " has " + row.length + " values; expected " + inputs
                    + ", one per input of the model (input shape " + model.inputShape() + ").");
        }
        for (int j = 0; j < row.length; j++) {
            if (!Double.isFinite(row[j])) {
                throw nonFinite(name + "[" + j + "]", row[j]);
            }
        }
    }

    private static DataException nonFinite(String where, double value) {
        return new DataException(where + " is " + value + "; a model predicts from finite numbers only. Fill in "
                + "missing values (for example with the feature's training mean) before predicting.");
    }

    @Override
    public String toString() {
        return "Predictor(" + model + ", " + loss + ", maxBatch " + maxBatch + ", " + poolSize() + " workspaces)";
    }
}
