package dev.nnj.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.api.testkit.LayerContract;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DenseLayerTest {

    /** The layer contract of the nn-api test kit, on a dense layer with random weights and biases. */
    @Nested
    class Contract extends LayerContract {
        @Override
        protected Layer createLayer(Shape input) {
            SplittableRandom random = new SplittableRandom(11);
            DenseLayer layer = new DenseLayer(input.size(), 4);
            copy(GradientCheck.randomTensor(input.size(), 4, random), layer.weight().value());
            copy(GradientCheck.randomTensor(1, 4, random), layer.bias().value());
            return layer;
        }

        @Override
        protected double tolerance() {
            return TOLERANCE;
        }
    }

    /** Central differences on a linear function are exact up to rounding: a tight tolerance. */
    private static final double TOLERANCE = 1e-8;

    @Test
    void computesXTimesWPlusB() {
        DenseLayer layer = new DenseLayer(2, 3);
        System.arraycopy(new double[] {1, 2, 3, 4, 5, 6}, 0, layer.weight().value().data(), 0, 6);
        System.arraycopy(new double[] {0.5, -1, 0}, 0, layer.bias().value().data(), 0, 3);
        Tensor out = Tensor.zeros(2, 3);
        layer.forward(Tensor.of(new double[][] {{1, 1}, {2, -1}}), out, Mode.INFERENCE);
        // [1,1]·W = [5,7,9]; [2,-1]·W = [-2,-1,0]
        assertArrayEquals(new double[] {5.5, 6, 9, -1.5, -2, 0}, out.data(), 0.0);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        SplittableRandom random = new SplittableRandom(1);
        DenseLayer layer = new DenseLayer(5, 4);
        copy(GradientCheck.randomTensor(5, 4, random), layer.weight().value());
        copy(GradientCheck.randomTensor(1, 4, random), layer.bias().value());
        GradientCheck.checkLayer(layer, GradientCheck.randomTensor(3, 5, random), 4, TOLERANCE, random);
    }

    @Test
    void backwardAccumulatesParameterGradients() {
        DenseLayer layer = new DenseLayer(1, 1);
        Tensor in = Tensor.of(new double[][] {{2}});
        Tensor out = Tensor.zeros(1, 1);
        Tensor gradOut = Tensor.of(new double[][] {{3}});
        layer.forward(in, out, Mode.TRAIN);
        layer.backward(in, out, gradOut, null);
        layer.backward(in, out, gradOut, null);
        assertEquals(12.0, layer.weight().gradient().get(0, 0));
        assertEquals(6.0, layer.bias().gradient().get(0, 0));
    }

    @Test
    void rejectsInputWithWrongFeatureCount() {
        DenseLayer layer = new DenseLayer(4, 2);
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> layer.forward(Tensor.zeros(3, 5), Tensor.zeros(3, 2), Mode.TRAIN));
        assertEquals("input has 5 features; expected [*, 4], got [3, 5].", e.getMessage());
        assertEquals("input has 6 features [2, 3]; expected 4.",
                assertThrows(ShapeMismatchException.class, () -> layer.outputShape(Shape.of(2, 3))).getMessage());
    }

    private static void copy(Tensor from, Tensor to) {
        System.arraycopy(from.data(), 0, to.data(), 0, from.size());
    }
}
