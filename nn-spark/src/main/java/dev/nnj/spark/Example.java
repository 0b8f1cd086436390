package dev.nnj.spark;

import java.io.Serializable;

/**
 * One training example as Spark moves it: its features and its target row (one-hot for a class,
 * or the regression targets).
 *
 * @param features the input values
 * @param target the target row
 */
public record Example(double[] features, double[] target) implements Serializable {
}
