package dev.nnj.spark;

import java.io.Serializable;

/**
 * How a label becomes a target row, as in nnj's own data sets: for a model with one output the label
 * is the target (0/1 for binary cross-entropy, the value for regression); with more outputs it is a
 * class index, one-hot encoded.
 *
 * @param outputs the model's output width
 * @param classification whether the loss is a classification loss
 */
record Targets(int outputs, boolean classification) implements Serializable {

    double[] of(double label) {
        if (outputs == 1) {
            return new double[] {label};
        }
        double[] t = new double[outputs];
        t[(int) label] = 1;
        return t;
    }

    /** @return what a label must be, for messages */
    String expected() {
        if (!classification) {
            return "a number (regression)";
        }
        return outputs == 1 ? "0 or 1 (one output, binary classification)"
                : "a class index 0-" + (outputs - 1) + " (the model has " + outputs + " outputs)";
    }

    /** @return whether {@code label} is a valid label */
    boolean accepts(double label) {
        if (!classification) {
            return Double.isFinite(label);
        }
        int classes = outputs == 1 ? 2 : outputs;
        return label >= 0 && label < classes && label == Math.floor(label);
    }
}
