package dev.nnj.core.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.api.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitializerTest {
    private static double[] moments(Tensor t) {
        double mean = 0;
        for (int i = 0; i < t.size(); i++) {
            mean += t.data()[i];
        }
        mean /= t.size();
        double var = 0;
        for (int i = 0; i < t.size(); i++) {
            var += (t.data()[i] - mean) * (t.data()[i] - mean);
        }
        return new double[] {mean, Math.sqrt(var / t.size())};
    }

    /** 200,000 draws: the sample deviation of a normal is within 1% of σ with overwhelming probability. */
    @Test
    void normalSchemesHaveTheirStandardDeviations() {
        int fanIn = 400;
        int fanOut = 500;
        assertDeviation(NormalInitializer.Scheme.XAVIER, Math.sqrt(2.0 / 900), fanIn, fanOut);
        assertDeviation(NormalInitializer.Scheme.HE, Math.sqrt(2.0 / 400), fanIn, fanOut);
        assertDeviation(NormalInitializer.Scheme.LECUN, Math.sqrt(1.0 / 400), fanIn, fanOut);
    }

    private static void assertDeviation(NormalInitializer.Scheme scheme, double sigma, int fanIn, int fanOut) {
        Tensor t = Tensor.zeros(fanIn, fanOut);
        new NormalInitializer(scheme).initialize(t, fanIn, fanOut, new SplittableRandom(3));
        double[] m = moments(t);
        assertEquals(0, m[0], 0.01 * sigma, scheme + " mean");
        assertEquals(sigma, m[1], 0.01 * sigma, scheme + " standard deviation");
    }

    /** U(-l, l) has deviation l/√3. */
    @Test
    void uniformSchemesHaveTheirLimits() {
        Tensor t = Tensor.zeros(300, 200);
        new XavierUniform().initialize(t, 300, 200, new SplittableRandom(1));
        double xavier = Math.sqrt(6.0 / 500);
        assertEquals(xavier / Math.sqrt(3), moments(t)[1], 0.01 * xavier);
        new HeUniform().initialize(t, 300, 200, new SplittableRandom(1));
        double he = Math.sqrt(6.0 / 300);
        assertEquals(he / Math.sqrt(3), moments(t)[1], 0.01 * he);
    }

    @Test
    void constantAndZerosFillEveryValue() {
        Tensor t = Tensor.zeros(2, 3);
        new Constant(0.25).initialize(t, 2, 3, new SplittableRandom(1));
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25, 0.25, 0.25}, t.data(), 0.0);
        new Zeros().initialize(t, 2, 3, new SplittableRandom(1));
        assertArrayEquals(new double[6], t.data(), 0.0);
    }
}
