package dev.nnj.blas;

import dev.nnj.api.Mode;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.Allocations;
import dev.nnj.core.activation.Relu;
import dev.nnj.core.layer.ActivationLayer;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.loss.SoftmaxCrossEntropy;
import dev.nnj.core.math.Kernels;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.model.Workspace;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Forward and backward through the BLAS kernels, with two threads, allocate nothing after warm-up. */
class BlasAllocationTest {
    private static final int STEPS = 2_000;
    /** Bytes per step allowed for JIT and measurement noise; one stray array would be hundreds. */
    private static final double MAX_BYTES_PER_STEP = 16;

    @Test
    void forwardAndBackwardAllocateNothingAfterWarmUp() {
        Kernels kernels = new BlasBackend().create(2);
        Sequential model = Sequential.builder(Shape.of(64)).add(new DenseLayer(64, 96, kernels))
                .add(new ActivationLayer(new Relu())).add(new DenseLayer(96, 10, kernels)).build();
        Workspace ws = model.newWorkspace(70);
        SplittableRandom random = new SplittableRandom(2);
        Tensor x = Tensor.zeros(70, 64);
        Tensor y = Tensor.zeros(70, 10);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = random.nextDouble();
        }
        for (int i = 0; i < 70; i++) {
            y.set(i, i % 10, 1);
        }
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Runnable step = () -> {
            model.zeroGradients();
            loss.compute(ws.forward(x, Mode.TRAIN), y, ws.outputGradient());
            ws.backward();
        };
        Allocations.assertAllocatesAtMost(MAX_BYTES_PER_STEP, STEPS, step);
    }
}
