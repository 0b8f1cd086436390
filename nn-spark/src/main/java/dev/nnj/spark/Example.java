package dev.nnj.spark;

import java.io.Serializable;

/**
 * One training example as Spark moves it: its features and its target row (one-hot for a class,
 * or the regression targets).
 *
 * <p>Its serialized form is not a stable format: Spark moves examples only between the driver and
 * executors of one build, so it is left out of the serialized-form page (which also keeps JDK 17's
 * javadoc from asking for comments on the record's implicit fields, JDK-8275199).
 *
 * @param features the input values
 * @param target the target row
 * @serial exclude
 */
public record Example(double[] features, double[] target) implements Serializable {
}
