package dev.nnj.core.loss;

import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;

/** The shape check every loss starts with. */
final class LossShapes {
    private LossShapes() {
    }

    static void check(String loss, Tensor prediction, Tensor target, Tensor gradient) {
        if (prediction.rows() != target.rows() || prediction.cols() != target.cols()) {
            throw new ShapeMismatchException(loss + ": prediction " + prediction.shapeString() + " and target "
                    + target.shapeString() + " differ; the model's last layer must have one unit per target column.");
        }
        if (gradient != null && (gradient.rows() != prediction.rows() || gradient.cols() != prediction.cols())) {
            throw new ShapeMismatchException(loss + ": gradient " + gradient.shapeString() + " does not match prediction "
                    + prediction.shapeString() + ".");
        }
    }
}
