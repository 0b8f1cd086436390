package dev.nnj.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.DType;
import dev.nnj.api.Layer;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.api.testkit.LayerContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FlattenTest {
    /** Copies: exact. */
    private static final double TORCH_TOLERANCE = 0.0;

    /** The identity on values, which central differences recover up to rounding. */
    @Nested
    class Contract extends LayerContract {
        @Override
        protected Layer createLayer(Shape input) {
            return new Flatten(input);
        }

        @Override
        protected Shape inputShape() {
            return Shape.of(2, 3, 4);
        }

        @Override
        protected double tolerance() {
            return 1e-8;
        }
    }

    @Test
    void matchesPyTorch() {
        TorchFixture.Case c = TorchFixture.load("flatten-basic");
        Layer layer = new FlattenProvider().create(c.mapConfig(), new TestBuildContext(c.inputShape()));
        assertEquals(c.outputShape(), layer.outputShape(c.inputShape()));
        c.loadInto(layer);
        c.check(layer, TORCH_TOLERANCE);
    }

    @Test
    void takesAnyShapeOfItsSizeAndRefusesOthers() {
        Layer layer = new FlattenProvider().create(MapConfig.of("layers[0]", "flatten"),
                new TestBuildContext(Shape.of(2, 3, 4)));
        assertEquals(Shape.of(24), layer.outputShape(Shape.of(4, 6)));
        assertEquals("input has 25 values [25]; expected 24 ([2, 3, 4]).",
                assertThrows(ShapeMismatchException.class, () -> layer.outputShape(Shape.of(25))).getMessage());
    }

    @Test
    void copiesFloat32AsFloat64() {
        Shape input = Shape.of(2, 3, 4);
        Float32Equivalence.assertEquivalent(t -> new Flatten(input, t), input, 3);
        Float32Equivalence.assertBuiltIn(new FlattenProvider().create(MapConfig.of("layers[0]", "flatten"),
                new TestBuildContext(input, DType.F32)), DType.F32);
    }
}
