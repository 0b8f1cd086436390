package dev.nnj.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
