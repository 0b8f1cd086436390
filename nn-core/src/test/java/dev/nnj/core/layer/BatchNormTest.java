package dev.nnj.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.api.Buffer;
import dev.nnj.api.DType;
import dev.nnj.api.Layer;
import dev.nnj.api.Shape;
import dev.nnj.api.spi.MapConfig;
import org.junit.jupiter.api.Test;

/** Batch-norm in float32; its float64 contract and PyTorch parity are in {@link NormLayersTest} and {@link NormTorchParityTest}. */
class BatchNormTest {

    /**
     * Over [C] and [C, H, W]: three training passes (batch statistics, running statistics moving)
     * then inference (the running statistics), outputs, gradients and the running statistics within
     * {@link Float32Equivalence#TOLERANCE}.
     */
    @Test
    void computesInFloat32AsInFloat64WithinRounding() {
        Float32Equivalence.assertEquivalent(t -> new BatchNorm(Shape.of(3), 0.1, 1e-5, t), Shape.of(3), 5);
        Shape image = Shape.of(2, 3, 4);
        Float32Equivalence.assertEquivalent(t -> new BatchNorm(image, 0.3, 1e-5, t), image, 4);
    }

    @Test
    void theProviderBuildsTheModelsElementTypeAndCountsBatchesInAnInt64Buffer() {
        Layer layer = new BatchNormProvider().create(MapConfig.of("layers[0]", "batch-norm"),
                new TestBuildContext(Shape.of(2, 3), DType.F32));
        Float32Equivalence.assertBuiltIn(layer, DType.F32);
        Buffer count = layer.buffers().get(2);
        assertEquals("num_batches_tracked", count.path());
        assertEquals(DType.I64, count.dtype());
        assertEquals(DType.F64, count.value().dtype());
        assertEquals(1.0, layer.parameters().get(0).value().get(1));
        assertEquals(1.0, layer.buffers().get(1).value().get(1));
    }
}
