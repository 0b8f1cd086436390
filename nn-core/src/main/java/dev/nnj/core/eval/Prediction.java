package dev.nnj.core.eval;

import java.util.Arrays;

/**
 * What a {@link Predictor} answers for one example: the predicted class and its probabilities
 * (classification), or the predicted values (regression). Immutable: the accessors that return
 * arrays return copies, and {@link #output(int)} reads one value without copying.
 *
 * <p>Two predictions are equal when they are of the same kind, predict the same class and hold the
 * same values to the bit ({@link Double#doubleToLongBits}).
 */
public final class Prediction {
    private final boolean classification;
    private final int predictedClass;
    private final double[] outputs;

    private Prediction(boolean classification, int predictedClass, double[] outputs) {
        this.classification = classification;
        this.predictedClass = predictedClass;
        this.outputs = outputs;
    }

    /**
     * A classification result; takes {@code probabilities} without copying (the caller must not keep it).
     *
     * @param predictedClass the class, in [0, classes)
     * @param probabilities [k] probabilities after the output function; owned by the prediction
     * @return the prediction
     */
    static Prediction ofClass(int predictedClass, double[] probabilities) {
        return new Prediction(true, predictedClass, probabilities);
    }

    /**
     * A regression result; takes {@code values} without copying (the caller must not keep it).
     *
     * @param values [k] the predicted values; owned by the prediction
     * @return the prediction
     */
    static Prediction ofValues(double[] values) {
        return new Prediction(false, -1, values);
    }

    /**
     * Whether this is a classification result.
     *
     * @return {@code true} if the model's loss is a classification loss ({@link #predictedClass()}
     *     and {@link #probabilities()} answer), {@code false} for regression ({@link #values()} answers)
     */
    public boolean isClassification() {
        return classification;
    }

    /**
     * The predicted class: the arg-max of the outputs (the first of equal maxima), or for a model
     * with one output, 1 when it is above the decision threshold (logit 0, probability 0.5), as
     * {@link Evaluator} counts accuracy.
     *
     * @return the class index, in [0, classes)
     * @throws IllegalStateException for a regression result
     */
    public int predictedClass() {
        if (!classification) {
            throw new IllegalStateException("A regression model predicts values, not classes; read values().");
        }
        return predictedClass;
    }

    /**
     * The class probabilities, as {@link Predictions#probabilities(dev.nnj.api.Loss, dev.nnj.api.Tensor)}
     * computes them: softmax over the outputs (sigmoid for one output) for a loss on logits, else the
     * outputs as they are.
     *
     * @return [k] a copy of the probabilities; for a model with one output, the probability of class 1
     * @throws IllegalStateException for a regression result
     */
    public double[] probabilities() {
        if (!classification) {
            throw new IllegalStateException("A regression model predicts values, not probabilities; read values().");
        }
        return outputs.clone();
    }

    /**
     * The predicted values of a regression model, in the units the model was trained in.
     *
     * @return [k] a copy of the values
     * @throws IllegalStateException for a classification result
     */
    public double[] values() {
        if (classification) {
            throw new IllegalStateException("A classification model predicts a class and probabilities; read "
                    + "predictedClass() and probabilities().");
        }
        return outputs.clone();
    }

    /**
     * One output, without copying: a probability (classification) or a value (regression).
     *
     * @param j the output, in [0, {@link #size()})
     * @return the {@code j}-th probability or value
     * @throws IndexOutOfBoundsException if {@code j} is outside [0, {@link #size()})
     */
    public double output(int j) {
        return outputs[j];
    }

    /**
     * The number of outputs.
     *
     * @return k, the number of probabilities or values
     */
    public int size() {
        return outputs.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction p && p.classification == classification && p.predictedClass == predictedClass
                && Arrays.equals(p.outputs, outputs);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Boolean.hashCode(classification) + predictedClass) + Arrays.hashCode(outputs);
    }

    @Override
    public String toString() {
        return classification
                ? "Prediction[class " + predictedClass + ", probabilities " + Arrays.toString(outputs) + "]"
                : "Prediction[values " + Arrays.toString(outputs) + "]";
    }
}
