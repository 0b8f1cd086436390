package dev.nnj.core.eval;

import dev.nnj.api.Loss;
import dev.nnj.api.Tensor;
import dev.nnj.core.activation.Sigmoid;
import dev.nnj.core.activation.Softmax;

/** Turns a model's outputs into what a user asks for: probabilities and classes, or values. */
public final class Predictions {
    private Predictions() {
    }

    /**
     * @param outputs [n, k] the model's outputs
     * @return for a loss on logits, probabilities (softmax over k > 1 outputs, sigmoid for one);
     *     otherwise the outputs themselves
     */
    public static Tensor probabilities(Loss loss, Tensor outputs) {
        if (!loss.takesLogits()) {
            return outputs.copy();
        }
        Tensor p = Tensor.zeros(outputs.rows(), outputs.cols());
        if (outputs.cols() > 1) {
            new Softmax().forward(outputs, p);
        } else {
            new Sigmoid().forward(outputs, p);
        }
        return p;
    }

    /**
     * @param outputs the model's outputs, as {@code loss} takes them (logits or probabilities)
     * @return the predicted class of row {@code i}: the arg-max; with a single output, 1 when it is
     *     above the decision threshold (0 for logits, 0.5 for probabilities)
     */
    public static int predictedClass(Loss loss, Tensor outputs, int i) {
        if (outputs.cols() == 1) {
            return outputs.get(i, 0) > (loss.takesLogits() ? 0.0 : 0.5) ? 1 : 0;
        }
        return argMax(outputs, i);
    }

    /** @return the predicted class of row {@code i}: the arg-max, or probability > 0.5 for one output */
    public static int predictedClass(Tensor probabilities, int i) {
        if (probabilities.cols() == 1) {
            return probabilities.get(i, 0) > 0.5 ? 1 : 0;
        }
        return argMax(probabilities, i);
    }

    /** @return the column of row {@code i}'s largest value (the first, on a tie) */
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
