package dev.nnj.core.table;

import java.util.List;

/**
 * The label column of a table as the model learned it.
 *
 * @param name the column's name
 * @param classification whether it holds classes (else a regression target)
 * @param numbered classification: whether the classes are the whole numbers 0, 1, 2 ... as written
 *     (class k is written {@code k}); else they are {@link #classes} by position
 * @param classes classification: the class names seen in training, sorted (for numbered classes,
 *     {@code 0} to the largest seen); else empty
 * @param mean regression: the training mean subtracted from the target (0 when not standardised)
 * @param scale regression: the training standard deviation the target is divided by (1 when not
 *     standardised)
 */
public record TableTarget(String name, boolean classification, boolean numbered, List<String> classes, double mean,
        double scale) {

    /**
     * Copies the classes.
     *
     * @param name the column's name
     * @param classification whether it holds classes
     * @param numbered whether the classes are whole numbers as written
     * @param classes the class names
     * @param mean the target's mean
     * @param scale the target's divisor
     */
    public TableTarget {
        classes = List.copyOf(classes);
    }

    /**
     * @param index a class index, as the model predicts it
     * @return the class as written in the data: its name, or the number for numbered classes
     */
    public String className(int index) {
        return numbered || index >= classes.size() ? Integer.toString(index) : classes.get(index);
    }

    /**
     * @param standardised a prediction in the model's units
     * @return the value in the target's own units ({@code standardised * scale + mean})
     */
    public double toUnits(double standardised) {
        return standardised * scale + mean;
    }
}
