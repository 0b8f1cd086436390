package dev.nnj.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.AdaptData;
import dev.nnj.api.Buffer;
import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.api.TrainingException;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.api.testkit.LayerContract;
import dev.nnj.api.testkit.LayerPasses;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract of batch-norm, layer-norm and normalization, and what PyTorch parity does not cover. */
class NormLayersTest {

    /** Random γ, β, running statistics (positive variance) and normalisation buffers, so that mistakes show. */
    static <L extends Layer> L randomised(L layer, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Parameter p : layer.parameters()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().data()[i] = random.nextDouble(0.5, 1.5) * (random.nextBoolean() ? 1 : -1);
            }
        }
        for (Buffer b : layer.buffers()) {
            for (int i = 0; i < b.value().size(); i++) {
                b.value().data()[i] = b.path().contains("var") ? random.nextDouble(0.5, 2)
                        : b.path().equals("num_batches_tracked") ? 0 : random.nextDouble(-1, 1);
            }
        }
        return layer;
    }

    /** Batch-norm over [C] (BatchNorm1d). Tolerance 1e-7, the kit's: the check's own error is about 1e-9. */
    @Nested
    class BatchNorm1d extends LayerContract {
        @Override
        protected Layer createLayer(Shape input) {
            return randomised(new BatchNorm(input, 0.1, 1e-5), 3);
        }
    }

    /** Batch-norm over [C, H, W] (BatchNorm2d): statistics per channel over the batch and positions. */
    @Nested
    class BatchNorm2d extends LayerContract {
        @Override
        protected Shape inputShape() {
            return Shape.of(2, 3, 4);
        }

        @Override
        protected Layer createLayer(Shape input) {
            return randomised(new BatchNorm(input, 0.1, 1e-5), 4);
        }
    }

    @Nested
    class LayerNorm3d extends LayerContract {
        @Override
        protected Shape inputShape() {
            return Shape.of(2, 3, 2);
        }

        @Override
        protected Layer createLayer(Shape input) {
            return randomised(new LayerNorm(input, 1e-5), 5);
        }
    }

    @Nested
    class NormalizationContract extends LayerContract {
        @Override
        protected Layer createLayer(Shape input) {
            return randomised(new Normalization(input), 6);
        }
    }

    /** As PyTorch: a training batch of one value per channel has no variance, and is refused by name. */
    @Test
    void batchNormRefusesATrainingBatchOfOneExample() {
        BatchNorm bn = new BatchNorm(Shape.of(3), 0.1, 1e-5);
        LayerPasses passes = new LayerPasses(bn, Shape.of(3), 4, 1);
        TrainingException e = assertThrows(TrainingException.class,
                () -> passes.forward(Tensor.zeros(1, 3), Tensor.zeros(1, 3), Mode.TRAIN));
        assertTrue(e.getMessage().contains("batch-norm: a training batch of 1 example")
                && e.getMessage().contains("\"dropLast\": true"), e.getMessage());
        passes.forward(Tensor.zeros(1, 3), Tensor.zeros(1, 3), Mode.INFERENCE);
        Tensor out = Tensor.zeros(1, 6);
        new LayerPasses(new BatchNorm(Shape.of(3, 2), 0.1, 1e-5), Shape.of(3, 2), 1, 1)
                .forward(GradientCheck.randomTensor(1, 6, new SplittableRandom(1)), out, Mode.TRAIN);
    }

    @Test
    void batchNormCountsTrainingBatchesOnlyAndSaysItsBuffersShapes() {
        BatchNorm bn = new BatchNorm(Shape.of(2, 3), 0.1, 1e-5);
        LayerPasses passes = new LayerPasses(bn, Shape.of(2, 3), 4, 1);
        Tensor x = GradientCheck.randomTensor(4, 6, new SplittableRandom(2));
        Tensor y = Tensor.zeros(4, 6);
        passes.forward(x, y, Mode.TRAIN);
        passes.forward(x, y, Mode.TRAIN);
        passes.forward(x, y, Mode.INFERENCE);
        Buffer count = bn.buffers().get(2);
        assertEquals("num_batches_tracked", count.path());
        assertEquals(dev.nnj.api.DType.I64, count.dtype());
        assertEquals(0, count.shape().rank());
        assertEquals(2.0, count.value().data()[0]);
        assertEquals(Shape.of(2), bn.buffers().get(0).shape());
        assertEquals(Shape.of(2), bn.weight().shape());
    }

    @Test
    void normalizationLearnsMeanAndPopulationVarianceAndCentresAConstantFeature() {
        Normalization n = new Normalization(Shape.of(2));
        double[][] rows = {{1, 5}, {2, 5}, {3, 5}, {6, 5}};
        n.adapt(data(Tensor.of(rows), 3));
        assertArrayEquals(new double[] {3, 5}, n.buffers().get(0).value().data(), 1e-15);
        assertArrayEquals(new double[] {3.5, 0}, n.buffers().get(1).value().data(), 1e-15);
        Tensor y = Tensor.zeros(1, 2);
        new LayerPasses(n, Shape.of(2), 1, 1).forward(Tensor.of(new double[][] {{4, 7}}), y, Mode.INFERENCE);
        assertArrayEquals(new double[] {1 / Math.sqrt(3.5), 2}, y.data(), 1e-15);
    }

    /** The training data in batches of {@code batch} rows, as the trainer gives it. */
    static AdaptData data(Tensor all, int batch) {
        return new AdaptData() {
            @Override
            public long examples() {
                return all.rows();
            }

            @Override
            public void forEachBatch(Consumer<Tensor> action) {
                for (int from = 0; from < all.rows(); from += batch) {
                    int k = Math.min(batch, all.rows() - from);
                    double[] part = java.util.Arrays.copyOfRange(all.data(), from * all.cols(), (from + k) * all.cols());
                    action.accept(Tensor.wrap(part, k, all.cols()));
                }
            }
        };
    }
}
