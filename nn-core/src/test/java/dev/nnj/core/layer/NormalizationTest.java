package dev.nnj.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.api.AdaptData;
import dev.nnj.api.DType;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.api.spi.MapConfig;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Normalization in float32; its float64 behaviour is in {@link NormLayersTest}. */
class NormalizationTest {

    /** Random buffers: outputs and gradients within {@link Float32Equivalence#TOLERANCE}. */
    @Test
    void computesInFloat32AsInFloat64WithinRounding() {
        Float32Equivalence.assertEquivalent(t -> new Normalization(Shape.of(2, 3), t), Shape.of(2, 3), 4);
    }

    /**
     * Both sum in double over the same values in the same order, so the float32 mean and variance
     * are the float64 ones rounded, exactly; float32 data adapts a float32 layer.
     */
    @Test
    void adaptsInDoubleAndRoundsOnce() {
        Tensor all = Float32Equivalence.rounded(10, 3, new SplittableRandom(4));
        Normalization wide = new Normalization(Shape.of(3));
        Normalization narrow = new Normalization(Shape.of(3), DType.F32);
        wide.adapt(NormLayersTest.data(all, 3));
        narrow.adapt(narrowed(NormLayersTest.data(all, 3)));
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 3; j++) {
                assertEquals((float) wide.buffers().get(b).value().get(j),
                        narrow.buffers().get(b).value().floatData()[j]);
            }
        }
    }

    @Test
    void theProviderBuildsTheModelsElementType() {
        Float32Equivalence.assertBuiltIn(new NormalizationProvider().create(MapConfig.of("layers[0]", "normalization"),
                new TestBuildContext(Shape.of(4), DType.F32)), DType.F32);
    }

    /** The batches of {@code data}, each converted to float32. */
    private static AdaptData narrowed(AdaptData data) {
        return new AdaptData() {
            @Override
            public long examples() {
                return data.examples();
            }

            @Override
            public void forEachBatch(Consumer<Tensor> action) {
                data.forEachBatch(batch -> action.accept(Float32Equivalence.narrowed(batch)));
            }
        };
    }
}
