package dev.nnj.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

    @Test
    void numericalGradientOfCubeMatchesDerivative() {
        double[] x = {0.5, -2.0, 3.0};
        double[] g = GradientCheck.numerical(() -> x[0] * x[0] * x[0] + 2 * x[1] + x[2] * x[2], x, 3, 1e-6);
        assertArrayEquals(new double[] {0.75, 2.0, 6.0}, g, 1e-8);
        assertArrayEquals(new double[] {0.5, -2.0, 3.0}, x, 0.0, "inputs restored");
    }

    @Test
    void rejectsAWrongGradient() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradientCheck.assertClose("dL/dw", new double[] {1.0, 2.0}, new double[] {1.0, 2.1}, 2, 1e-6));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("dL/dw[1]: analytic 2.0, numerical 2.1"),
                e.getMessage());
    }

    /** Differentiating state that nothing trains would fail a correct stateful layer (issue 13). */
    @Test
    void leavesParametersThatAreNotTrainableAlone() {
        Tensor input = GradientCheck.randomTensor(4, 3, new SplittableRandom(1));
        GradientCheck.checkLayer(new AddState(false), input, 3, 1e-6, new SplittableRandom(2), Mode.INFERENCE);
    }

    @Test
    void stillChecksEveryTrainableParameter() {
        Tensor input = GradientCheck.randomTensor(4, 3, new SplittableRandom(1));
        AssertionError e = assertThrows(AssertionError.class, () -> GradientCheck.checkLayer(
                new AddState(true), input, 3, 1e-6, new SplittableRandom(2), Mode.INFERENCE));
        assertTrue(e.getMessage().startsWith("dL/dstate[0]: analytic 0.0, numerical "), e.getMessage());
    }

    /** y = x + s for a [1, n] value s whose gradient backward never computes, as for running statistics. */
    private static final class AddState implements Layer {
        private final Parameter state;

        AddState(boolean trainable) {
            Tensor value = Tensor.of(new double[][] {{0.5, -1.0, 2.0}});
            state = new Parameter("state", ParameterRole.BIAS, value, Tensor.zeros(1, 3), trainable);
        }

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }

        @Override
        public void forward(Tensor in, Tensor out, Mode mode) {
            for (int i = 0; i < in.rows(); i++) {
                for (int j = 0; j < in.cols(); j++) {
                    out.set(i, j, in.get(i, j) + state.value().get(0, j));
                }
            }
        }

        @Override
        public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn) {
            System.arraycopy(gradOut.data(), 0, gradIn.data(), 0, gradOut.size());
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(state);
        }
    }
}
