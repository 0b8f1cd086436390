package dev.nnj.core.train;

import dev.nnj.api.Mode;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.Allocations;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.core.activation.Relu;
import dev.nnj.core.layer.ActivationLayer;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.loss.SoftmaxCrossEntropy;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.model.Workspace;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A training step and an inference pass allocate nothing once warmed up. */
class AllocationTest {
    private static final int STEPS = 2_000;
    /** Bytes per step allowed for JIT and measurement noise; one stray Tensor would be hundreds. */
    private static final double MAX_BYTES_PER_STEP = 16;

    private final SplittableRandom random = new SplittableRandom(9);
    private final Sequential model = Sequential.builder(Shape.of(64))
            .add(new DenseLayer(64, 32)).add(new ActivationLayer(new Relu())).add(new DenseLayer(32, 10)).build();

    @Test
    void trainingStepAllocatesNothingAfterWarmUp() {
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(), new PlainSgd(0.01), new TrainingOptions(1, 32, 1));
        Tensor x = GradientCheck.randomTensor(32, 64, random);
        Tensor y = Tensor.zeros(32, 10);
        for (int i = 0; i < 32; i++) {
            y.set(i, i % 10, 1);
        }
        assertBytesPerStep(() -> trainer.step(x, y));
    }

    @Test
    void singleExampleInferenceAllocatesNothingAfterWarmUp() {
        Workspace ws = model.newWorkspace(1);
        Tensor x = GradientCheck.randomTensor(1, 64, random);
        assertBytesPerStep(() -> ws.forward(x, Mode.INFERENCE));
    }

    private static void assertBytesPerStep(Runnable step) {
        Allocations.assertAllocatesAtMost(MAX_BYTES_PER_STEP, STEPS, step);
    }
}
