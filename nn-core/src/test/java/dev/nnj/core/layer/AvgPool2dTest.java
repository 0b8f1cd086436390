package dev.nnj.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.DType;
import dev.nnj.api.GradientListener;
import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.ModelConfigException;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.api.testkit.LayerContract;
import dev.nnj.api.testkit.LayerPasses;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AvgPool2dTest {
    /** Linear: central differences are exact up to rounding. */
    private static final double TOLERANCE = 1e-8;
    /**
     * Sums of at most 9 values and one division, added in torch's order: met to the bit here; 1e-15
     * would allow an ulp of another order of summation.
     */
    private static final double TORCH_TOLERANCE = 1e-15;

    /** Overlapping windows (size 3, stride 2) with padding 1. */
    @Nested
    class Contract extends LayerContract {
        @Override
        protected Layer createLayer(Shape input) {
            return new AvgPool2d(input, new Window2d(3, 3, 2, 2, 1, 1));
        }

        @Override
        protected Shape inputShape() {
            return Shape.of(2, 5, 6);
        }

        @Override
        protected double tolerance() {
            return TOLERANCE;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"avg-pool2d-basic", "avg-pool2d-pad"})
    void matchesPyTorch(String name) {
        TorchFixture.Case c = TorchFixture.load(name);
        Layer layer = new AvgPool2dProvider().create(c.mapConfig(), new TestBuildContext(c.inputShape()));
        assertEquals(c.outputShape(), layer.outputShape(c.inputShape()));
        c.loadInto(layer);
        c.check(layer, TORCH_TOLERANCE);
    }

    /** count_include_pad: a corner window of size 3 with padding 1 holds 4 values and divides by 9. */
    @Test
    void dividesByTheWholeWindowPaddingIncluded() {
        AvgPool2d layer = new AvgPool2d(Shape.of(1, 3, 3), new Window2d(3, 3, 2, 2, 1, 1));
        Tensor in = Tensor.of(new double[][] {{9, 9, 9, 9, 9, 9, 9, 9, 9}});
        Tensor out = Tensor.zeros(1, 4);
        LayerPasses passes = new LayerPasses(layer, Shape.of(1, 3, 3), 1, 1);
        passes.forward(in, out, Mode.TRAIN);
        assertArrayEquals(new double[] {4, 4, 4, 4}, out.data(), 0.0);
        Tensor gradIn = Tensor.zeros(1, 9);
        Tensor gradOut = Tensor.of(new double[][] {{9, 18, 27, 36}});
        passes.backward(in, out, gradOut, gradIn, Mode.TRAIN, GradientListener.NONE);
        assertArrayEquals(new double[] {1, 1 + 2, 2, 1 + 3, 1 + 2 + 3 + 4, 2 + 4, 3, 3 + 4, 4}, gradIn.data(), 0.0);
    }

    @Test
    void refusesPaddingOfMoreThanHalfTheSizeAndAnInputOfRankOne() {
        assertEquals("layers[0].padding: expected at most half the size [2, 4] (PyTorch's rule), here at most "
                + "[1, 2], got [1, 3].", assertThrows(ModelConfigException.class, () -> new AvgPool2dProvider().create(
                        MapConfig.of("layers[0]", "avg-pool2d", "size", java.util.List.of(2, 4), "padding",
                                java.util.List.of(1, 3)), new TestBuildContext(Shape.of(1, 6, 6)))).getMessage());
        assertEquals("expected examples of shape [C, H, W] (channels, height, width); got [1, 1, 4, 4], of rank 4.",
                assertThrows(ShapeMismatchException.class, () -> new AvgPool2dProvider().create(
                        MapConfig.of("layers[0]", "avg-pool2d", "size", 2), new TestBuildContext(Shape.of(1, 1, 4, 4))))
                        .getMessage());
    }

    /** Overlapping windows with padding: float32 sums in double and rounds each mean once. */
    @Test
    void computesInFloat32AsInFloat64WithinRounding() {
        Shape input = Shape.of(2, 5, 6);
        Float32Equivalence.assertEquivalent(t -> new AvgPool2d(input, new Window2d(3, 3, 2, 2, 1, 1), t), input, 3);
    }

    @Test
    void theProviderBuildsTheModelsElementType() {
        Layer layer = new AvgPool2dProvider().create(MapConfig.of("layers[0]", "avg-pool2d", "size", 2),
                new TestBuildContext(Shape.of(1, 4, 4), DType.F32));
        Float32Equivalence.assertBuiltIn(layer, DType.F32);
    }
}
