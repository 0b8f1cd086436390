package dev.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.Allocations;
import dev.nnj.core.json.ModelFileReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    private static Parameter withGradient(String name, double... g) {
        Parameter p = Parameter.of(name, ParameterRole.WEIGHT, Tensor.zeros(1, g.length));
        System.arraycopy(g, 0, p.gradient().data(), 0, g.length);
        return p;
    }

    @Test
    void clipsTheGlobalNormAsPyTorch() {
        Parameter a = withGradient("a", 3, 0);
        Parameter b = withGradient("b", 0, 4);
        new GradientClipping(1.0, Double.POSITIVE_INFINITY).apply(List.of(a, b));
        double scale = 1.0 / (5 + 1e-6);
        assertArrayEquals(new double[] {3 * scale, 0}, a.gradient().data(), 1e-15);
        assertArrayEquals(new double[] {0, 4 * scale}, b.gradient().data(), 1e-15);
    }

    @Test
    void leavesANormBelowTheBoundAlone() {
        Parameter a = withGradient("a", 0.3, 0.4);
        new GradientClipping(1.0, Double.POSITIVE_INFINITY).apply(List.of(a));
        assertArrayEquals(new double[] {0.3, 0.4}, a.gradient().data(), 0.0);
    }

    @Test
    void clipsValuesThenTheNorm() {
        Parameter a = withGradient("a", 10, -10, 0.5);
        new GradientClipping(Double.POSITIVE_INFINITY, 1.0).apply(List.of(a));
        assertArrayEquals(new double[] {1, -1, 0.5}, a.gradient().data(), 0.0);
    }

    @Test
    void leavesFrozenGradientsOutOfTheNormAndAsTheyAre() {
        Parameter trained = withGradient("a", 3, 0);
        Parameter frozen = withGradient("b", 0, 400).frozen();
        new GradientClipping(1.0, 100.0).apply(List.of(trained, frozen));
        double scale = 1.0 / (3 + 1e-6);
        assertArrayEquals(new double[] {3 * scale, 0}, trained.gradient().data(), 1e-15);
        assertArrayEquals(new double[] {0, 400}, frozen.gradient().data(), 0.0);
    }

    @Test
    void allocatesNothing() {
        List<Parameter> params = List.of(withGradient("a", 3, 4), withGradient("b", 5));
        GradientClipping c = new GradientClipping(1.0, 2.0);
        Allocations.assertAllocatesAtMost(16, 2_000, () -> c.apply(params));
    }

    @Test
    void isReadFromTheModelFile() {
        var spec = ModelFileReader.read("{\"input\": [2], \"layers\": [\"dense\"], \"loss\": \"mse\", \"optimizer\": \"sgd\", "
                + "\"gradientClipNorm\": 1.5, \"gradientClipValue\": 0.25}", "m.json");
        assertEquals(new GradientClipping(1.5, 0.25), spec.clipping());
        assertEquals(new GradientClipping(1.5, 0.25), spec.withSeed(3).withEpochs(2).clipping());
    }
}
