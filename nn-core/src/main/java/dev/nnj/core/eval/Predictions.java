package dev.nnj.core.eval;

import dev.nnj.api.Loss;
import dev.nnj.api.Tensor;
import dev.nnj.core.activation.Sigmoid;
import dev.nnj.core.activation.Softmax;

/** Turns a model's outputs into what a user asks for: probabilities and classes, or values. */
public final class Predictions {
    private Predictions() {
    }

    private static final Softmax SOFTMAX = new Softmax();
    private static final Sigmoid SIGMOID = new Sigmoid();

    /**
     * Applies the output function that a loss on logits leaves out of the model.
     *
     * @param loss the model's loss; {@link Loss#takesLogits()} decides
     * @param outputs [n, k] the model's outputs; not modified
     * @return a new [n, k] tensor: for a loss on logits, probabilities (softmax over k &gt; 1
     *     outputs, sigmoid for one); otherwise a copy of the outputs
     */
    public static Tensor probabilities(Loss loss, Tensor outputs) {
        Tensor p = Tensor.zeros(outputs.rows(), outputs.cols());
        probabilities(loss, outputs, p);
        return p;
    }

    /**
     * {@link #probabilities(Loss, Tensor)} into a tensor the caller owns, allocating nothing.
     *
     * @param loss the model's loss; {@link Loss#takesLogits()} decides
     * @param outputs [n, k] the model's outputs; not modified
     * @param p [n, k] (capacity at least n rows): set to n rows and overwritten with the
     *     probabilities (softmax over k &gt; 1 outputs, sigmoid for one) for a loss on logits,
     *     otherwise with a copy of the outputs
     * @throws dev.nnj.api.ShapeMismatchException if {@code p} has room for fewer than n rows
     * @throws IllegalArgumentException if {@code p} does not have k columns
     */
    public static void probabilities(Loss loss, Tensor outputs, Tensor p) {
        if (p.cols() != outputs.cols()) {
            throw new IllegalArgumentException("The probabilities of outputs " + outputs.shapeString()
                    + " need a tensor of " + outputs.cols() + " columns; got " + p.shapeString() + ".");
        }
        p.setRows(outputs.rows());
        if (!loss.takesLogits()) {
            System.arraycopy(outputs.data(), 0, p.data(), 0, outputs.size());
        } else if (outputs.cols() > 1) {
            SOFTMAX.forward(outputs, p);
        } else {
            SIGMOID.forward(outputs, p);
        }
    }

    /**
     * The class a row of a model's outputs predicts, as the loss reads them; the first of equal
     * maxima wins.
     *
     * @param loss the loss the model trains with: says whether {@code outputs} are logits
     * @param outputs [n, k] the model's outputs, as {@code loss} takes them (logits or
     *     probabilities); not modified
     * @param i the row, in [0, n)
     * @return the predicted class of row {@code i}: the arg-max; with a single output, 1 when it is
     *     above the decision threshold (0 for logits, 0.5 for probabilities)
     */
    public static int predictedClass(Loss loss, Tensor outputs, int i) {
        if (outputs.cols() == 1) {
            return outputs.get(i, 0) > (loss.takesLogits() ? 0.0 : 0.5) ? 1 : 0;
        }
        return argMax(outputs, i);
    }

    /**
     * The class a row of probabilities predicts; the first of equal maxima wins.
     *
     * @param probabilities [n, k] from {@link #probabilities(Loss, Tensor)}; not modified
     * @param i the row, in [0, n)
     * @return the predicted class of row {@code i}: the arg-max, or probability &gt; 0.5 for one output
     */
    public static int predictedClass(Tensor probabilities, int i) {
        if (probabilities.cols() == 1) {
            return probabilities.get(i, 0) > 0.5 ? 1 : 0;
        }
        return argMax(probabilities, i);
    }

    /**
     * The arg-max of one row.
     *
     * @param t [n, k] any values; not modified
     * @param i the row, in [0, n)
     * @return the column of row {@code i}'s largest value (the first, on a tie)
     */
    public static int argMax(Tensor t, int i) {
        int best = 0;
        for (int j = 1; j < t.cols(); j++) {
            if (t.get(i, j) > t.get(i, best)) {
                best = j;
            }
        }
        return best;
    }
}
