package dev.nnj.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.api.DType;
import dev.nnj.api.Layer;
import dev.nnj.api.Shape;
import dev.nnj.api.spi.MapConfig;
import org.junit.jupiter.api.Test;

/** Layer-norm in float32; its float64 contract and PyTorch parity are in {@link NormLayersTest} and {@link NormTorchParityTest}. */
class LayerNormTest {

    /** Outputs and gradients within {@link Float32Equivalence#TOLERANCE}, in training and inference. */
    @Test
    void computesInFloat32AsInFloat64WithinRounding() {
        Shape input = Shape.of(2, 3, 2);
        Float32Equivalence.assertEquivalent(t -> new LayerNorm(input, 1e-5, t), input, 4);
    }

    @Test
    void theProviderBuildsTheModelsElementType() {
        Layer layer = new LayerNormProvider().create(MapConfig.of("layers[0]", "layer-norm"),
                new TestBuildContext(Shape.of(5), DType.F32));
        Float32Equivalence.assertBuiltIn(layer, DType.F32);
        assertEquals(1.0, layer.parameters().get(0).value().get(4));
    }
}
