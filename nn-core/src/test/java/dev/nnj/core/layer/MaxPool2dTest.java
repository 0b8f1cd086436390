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
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaxPool2dTest {
    /**
     * Piecewise linear: away from ties (random inputs are 1e-6 apart only by rare chance) central
     * differences are exact up to rounding.
     */
    private static final double TOLERANCE = 1e-8;
    /** A maximum and a routed gradient involve no rounding: torch's numbers are met to the bit. */
    private static final double TORCH_TOLERANCE = 0.0;

    /** Overlapping windows (size 3, stride 2) with padding 1. */
    @Nested
    class Contract extends LayerContract {
        @Override
        protected Layer createLayer(Shape input) {
            return new MaxPool2d(input, new Window2d(3, 3, 2, 2, 1, 1));
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
    @ValueSource(strings = {"max-pool2d-basic", "max-pool2d-overlap", "max-pool2d-pad"})
    void matchesPyTorch(String name) {
        TorchFixture.Case c = TorchFixture.load(name);
        Layer layer = new MaxPool2dProvider().create(c.mapConfig(), new TestBuildContext(c.inputShape()));
        assertEquals(c.outputShape(), layer.outputShape(c.inputShape()));
        c.loadInto(layer);
        c.check(layer, TORCH_TOLERANCE);
    }

    /** Of equal values the first in the window wins, as in PyTorch; padding counts as -infinity. */
    @Test
    void routesTheGradientToTheFirstOfEqualMaximaAndNeverToPadding() {
        MaxPool2d layer = new MaxPool2d(Shape.of(1, 2, 2), new Window2d(2, 2, 1, 1, 1, 1));
        Tensor in = Tensor.of(new double[][] {{-3, -3, -3, -3}});
        Tensor out = Tensor.zeros(1, 9);
        LayerPasses passes = new LayerPasses(layer, Shape.of(1, 2, 2), 1, 1);
        passes.forward(in, out, Mode.TRAIN);
        assertArrayEquals(new double[] {-3, -3, -3, -3, -3, -3, -3, -3, -3}, out.data(), 0.0);
        Tensor gradOut = Tensor.of(new double[][] {{1, 2, 4, 8, 16, 32, 64, 128, 256}});
        Tensor gradIn = Tensor.zeros(1, 4);
        passes.backward(in, out, gradOut, gradIn, Mode.TRAIN, GradientListener.NONE);
        // window (1, 1) covers all four and picks the first; windows on the border pick their first real value
        assertArrayEquals(new double[] {1 + 2 + 8 + 16, 4 + 32, 64 + 128, 256}, gradIn.data(), 0.0);
    }

    @Test
    void strideDefaultsToTheSize() {
        Layer layer = new MaxPool2dProvider().create(MapConfig.of("layers[0]", "max-pool2d", "size", List.of(2, 3)),
                new TestBuildContext(Shape.of(3, 8, 9)));
        assertEquals(Shape.of(3, 4, 3), layer.outputShape(Shape.of(3, 8, 9)));
        assertEquals(new Window2d(2, 3, 2, 3, 0, 0), ((MaxPool2d) layer).window());
    }

    @Test
    void refusesPaddingOfMoreThanHalfTheSize() {
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> new MaxPool2dProvider().create(
                MapConfig.of("layers[0]", "max-pool2d", "size", 3, "padding", 2),
                new TestBuildContext(Shape.of(1, 6, 6))));
        assertEquals("layers[0].padding: expected at most half the size [3, 3] (PyTorch's rule), here at most "
                + "[1, 1], got 2.", e.getMessage());
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
                () -> new MaxPool2d(Shape.of(1, 6, 6), new Window2d(2, 4, 2, 4, 1, 3)));
        assertEquals("A pooling's padding must be at most half its kernel, as PyTorch requires: at most [1, 2] for "
                + "the kernel [2, 4]; got [1, 3].", direct.getMessage());
    }

    @Test
    void refusesAnInputOfRankOneAndAWindowLargerThanThePaddedInput() {
        assertEquals("expected examples of shape [C, H, W] (channels, height, width); got [30], of rank 1.",
                assertThrows(ShapeMismatchException.class, () -> new MaxPool2dProvider().create(
                        MapConfig.of("layers[0]", "max-pool2d", "size", 2), new TestBuildContext(Shape.of(30))))
                        .getMessage());
        assertEquals("the kernel [4, 4] does not fit the input [2, 3, 3] padded by [0, 0]: the padded image is "
                + "[3, 3]; use a kernel of at most that, or more padding.",
                assertThrows(ShapeMismatchException.class, () -> new MaxPool2dProvider().create(
                        MapConfig.of("layers[0]", "max-pool2d", "size", 4), new TestBuildContext(Shape.of(2, 3, 3))))
                        .getMessage());
        assertEquals("layers[0].size: expected an integer >= 1 or a list [height, width] of them, got nothing.",
                assertThrows(ModelConfigException.class, () -> new MaxPool2dProvider().create(
                        MapConfig.of("layers[0]", "max-pool2d"), new TestBuildContext(Shape.of(2, 3, 3))))
                        .getMessage());
    }

    /** Overlapping windows with padding: float32 compares and routes the same values as float64. */
    @Test
    void computesInFloat32AsInFloat64() {
        Shape input = Shape.of(2, 5, 6);
        Float32Equivalence.assertEquivalent(t -> new MaxPool2d(input, new Window2d(3, 3, 2, 2, 1, 1), t), input, 3);
    }

    @Test
    void theProviderBuildsTheModelsElementType() {
        Layer layer = new MaxPool2dProvider().create(MapConfig.of("layers[0]", "max-pool2d", "size", 2),
                new TestBuildContext(Shape.of(1, 4, 4), DType.F32));
        Float32Equivalence.assertBuiltIn(layer, DType.F32);
    }
}
