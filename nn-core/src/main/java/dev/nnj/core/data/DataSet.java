package dev.nnj.core.data;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.DataException;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import dev.nnj.core.model.Sequential;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Examples in memory: features [n, f] and either class labels (classification) or real-valued
 * targets [n, t] (regression). Immutable by convention: nothing in nnj modifies its tensors.
 */
public final class DataSet {
    private final String name;
    private final Tensor features;
    private final int[] labels;
    private final Tensor targets;
    private final Origin origin;

    private DataSet(String name, Tensor features, int[] labels, Tensor targets, Origin origin) {
        this.name = requireNonNull(name, "name is null");
        this.features = requireNonNull(features, "features is null");
        this.labels = labels;
        this.targets = targets;
        this.origin = origin;
    }

    /**
     * Classification data: one class label per example.
     *
     * @param name where the data came from, for messages
     * @param features [n, f] one row per example; shared, not copied
     * @param labels n class indices, each &gt;= 0; shared, not copied
     * @return the data set
     * @throws ShapeMismatchException if there are not as many labels as examples
     * @throws DataException naming the first example with a negative label
     */
    public static DataSet classification(String name, Tensor features, int[] labels) {
        if (labels.length != features.rows()) {
            throw new ShapeMismatchException(name + ": " + features.rows() + " examples but " + labels.length + " labels.");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new DataException(name + ": example " + (i + 1) + " has label " + labels[i] + "; labels must be >= 0.");
            }
        }
        return new DataSet(name, features, labels, null, null);
    }

    /**
     * Regression data: a row of real-valued targets per example.
     *
     * @param name where the data came from, for messages
     * @param features [n, f] one row per example; shared, not copied
     * @param targets [n, t] one row of targets per example; shared, not copied
     * @return the data set
     * @throws ShapeMismatchException if there are not as many target rows as examples
     */
    public static DataSet regression(String name, Tensor features, Tensor targets) {
        if (targets.rows() != features.rows()) {
            throw new ShapeMismatchException(name + ": " + features.rows() + " examples but " + targets.rows() + " targets.");
        }
        return new DataSet(name, features, null, targets, null);
    }

    /**
     * Classification data from arrays, in one call: the features are copied.
     *
     * @param name where the data came from, for messages
     * @param features one row of features per example, all of one length; copied
     * @param labels one class index per example, each &gt;= 0; copied
     * @return the data set
     * @throws IllegalArgumentException if the rows differ in length or there are none
     * @throws ShapeMismatchException if there are not as many labels as examples
     * @throws DataException naming the first example with a negative label
     */
    public static DataSet classification(String name, double[][] features, int[] labels) {
        return classification(name, Tensor.of(features), labels.clone());
    }

    /**
     * Regression data from arrays, in one call: one target per example; copied.
     *
     * @param name where the data came from, for messages
     * @param features one row of features per example, all of one length; copied
     * @param targets one target per example; copied
     * @return the data set, with targets [n, 1]
     * @throws IllegalArgumentException if the rows differ in length or there are none
     * @throws ShapeMismatchException if there are not as many targets as examples
     */
    public static DataSet regression(String name, double[][] features, double[] targets) {
        return regression(name, Tensor.of(features), Tensor.wrap(targets.clone(), targets.length, 1));
    }

    /**
     * The same examples, with where each was read, so that messages name the file and the line
     * (or index) rather than the example's position here.
     *
     * @param newOrigin describes example {@code i} of this data set; kept by {@link #subset} and
     *     {@link #split}
     * @return a data set sharing this one's tensors and labels, with that origin
     */
    public DataSet withOrigin(Origin newOrigin) {
        return new DataSet(name, features, labels, targets, requireNonNull(newOrigin, "newOrigin is null"));
    }

    /**
     * The same examples under another name, e.g. {@code customers.csv (train)}; nothing is copied.
     *
     * @param newName the name used in messages and summaries
     * @return a data set sharing this one's tensors, labels and origin
     */
    public DataSet withName(String newName) {
        return new DataSet(requireNonNull(newName, "newName is null"), features, labels, targets, origin);
    }

    /**
     * Where the examples were read, if known.
     *
     * @return the origin given to {@link #withOrigin}, or empty (then messages count examples from 1)
     */
    public Optional<Origin> origin() {
        return Optional.ofNullable(origin);
    }

    /**
     * The name of the data, for messages.
     *
     * @return where the data came from, for messages (a file name, {@code digits}, ...)
     */
    public String name() {
        return name;
    }

    /**
     * The number of examples.
     *
     * @return n, the rows of {@link #features()}
     */
    public int size() {
        return features.rows();
    }

    /**
     * The features, one row per example.
     *
     * @return [n, f]; do not modify
     */
    public Tensor features() {
        return features;
    }

    /**
     * Whether this is classification data.
     *
     * @return {@code true} with class labels, {@code false} with regression targets
     */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * One example's class.
     *
     * @param i the example, in [0, {@link #size()})
     * @return the label of example {@code i}; only for classification data
     * @throws NullPointerException for regression data
     */
    public int label(int i) {
        return labels[i];
    }

    /**
     * The regression targets, one row per example.
     *
     * @return [n, t] the regression targets, or {@code null} for classification data
     */
    public Tensor targets() {
        return targets;
    }

    /**
     * The number of classes the labels imply.
     *
     * @return 1 + the largest label; 0 for regression data
     */
    public int classCount() {
        int max = -1;
        if (labels != null) {
            for (int l : labels) {
                max = Math.max(max, l);
            }
        }
        return max + 1;
    }

    /**
     * Checks that this data can train or evaluate {@code model}: the number of features, and the
     * labels (or target columns) against the model's outputs. A model of one output takes labels 0
     * and 1 (binary classification).
     *
     * @param model the model to train or evaluate; not modified
     * @throws ShapeMismatchException naming the first layer and both shapes
     * @throws DataException naming the first example whose label is outside the model's classes:
     *     by its {@link #origin()} (file and line, or index) when known, else by its position here
     */
    public void checkFits(Sequential model) {
        int inputs = model.inputShape().size();
        int outputs = model.outputShape().size();
        String first = model.labels().isEmpty() ? "the model" : model.labels().get(0);
        String last = model.labels().isEmpty() ? "the model" : model.labels().get(model.labels().size() - 1);
        if (features.cols() != inputs) {
            throw new ShapeMismatchException(name + ": examples have " + features.cols() + " features, but " + first
                    + " expects " + inputs + " (input shape " + model.inputShape() + "): expected [*, " + inputs
                    + "], got " + features.shapeString() + ".");
        }
        if (labels != null) {
            int classes = outputs == 1 ? 2 : outputs;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] >= classes) {
                    String example = origin != null ? origin.describe(i) : name + ": example " + (i + 1);
                    throw new DataException(example + " has label " + labels[i] + ", outside the model's " + classes + " classes 0.." + (classes - 1) + " (" + last
                            + " has " + outputs + " outputs); give the last layer more units or fix the labels.");
                }
            }
        } else if (targets.cols() != outputs) {
            throw new ShapeMismatchException(name + ": targets have " + targets.cols() + " columns, but " + last
                    + " has " + outputs + " outputs: expected [*, " + outputs + "], got " + targets.shapeString() + ".");
        }
    }

    /**
     * Copies examples {@code order[from .. from+count)} into a batch. With labels, a target row is
     * one-hot, or the label itself when the model has a single output (binary classification).
     *
     * @param order a permutation of the example indices; not modified
     * @param from the first position in {@code order} to copy
     * @param count the number of examples to copy, at most the capacity of {@code x} and {@code y}
     * @param x [&gt;= count, f] batch features; rows set to count, overwritten
     * @param y [&gt;= count, outputs] batch targets; rows set to count, overwritten
     */
    public void gather(int[] order, int from, int count, Tensor x, Tensor y) {
        x.setRows(count);
        y.setRows(count);
        int f = features.cols();
        int t = y.cols();
        double[] xd = x.data();
        double[] yd = y.data();
        for (int i = 0; i < count; i++) {
            int row = order[from + i];
            System.arraycopy(features.data(), row * f, xd, i * f, f);
            if (labels == null) {
                System.arraycopy(targets.data(), row * t, yd, i * t, t);
            } else if (t == 1) {
                yd[i] = labels[row];
            } else {
                Arrays.fill(yd, i * t, (i + 1) * t, 0.0);
                yd[i * t + labels[row]] = 1.0;
            }
        }
    }

    /**
     * Selects examples, e.g. for a split or a validation set.
     *
     * @param rows indices of the examples to keep, in [0, {@link #size()}); repeats allowed
     * @param subsetName the name of the new data set, for messages
     * @return the examples at {@code rows}, copied, in that order, with their origin if this data set
     *     has one
     */
    public DataSet subset(int[] rows, String subsetName) {
        int f = features.cols();
        Tensor x = Tensor.zeros(rows.length, f);
        int[] l = labels == null ? null : new int[rows.length];
        Tensor y = targets == null ? null : Tensor.zeros(rows.length, targets.cols());
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features.data(), rows[i] * f, x.data(), i * f, f);
            if (l != null) {
                l[i] = labels[rows[i]];
            } else {
                int t = y.cols();
                System.arraycopy(targets.data(), rows[i] * t, y.data(), i * t, t);
            }
        }
        return new DataSet(subsetName, x, l, y, origin == null ? null : origin.subset(rows));
    }

    /**
     * Shuffles the examples with {@code random} and splits them: the last {@code testCount} form
     * the test set.
     *
     * @param testCount examples to hold out, in [1, {@link #size()})
     * @param random the source of the shuffle, e.g. seeded from the model's seed
     * @return the two sets, named after this one with {@code (train)} and {@code (test)}
     * @throws IllegalArgumentException if {@code testCount} is outside [1, {@link #size()})
     */
    public Split split(int testCount, RandomGenerator random) {
        if (testCount < 1 || testCount >= size()) {
            throw new IllegalArgumentException("Cannot hold out " + testCount + " of " + size() + " examples.");
        }
        int[] order = Shuffle.permutation(size(), random);
        int trainCount = size() - testCount;
        return new Split(subset(Arrays.copyOfRange(order, 0, trainCount), name + " (train)"),
                subset(Arrays.copyOfRange(order, trainCount, size()), name + " (test)"));
    }

    /**
     * A training and a test set.
     *
     * @param train the examples to train on
     * @param test the held-out examples
     */
    public record Split(DataSet train, DataSet test) {
    }

    @Override
    public String toString() {
        return name + " (" + size() + " examples of " + features.cols() + " features)";
    }
}
