package dev.nnj.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Buffer;
import dev.nnj.api.DType;
import dev.nnj.api.GradientListener;
import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.LayerPasses;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A layer built in float64 and in float32 from the same values, run side by side: random
 * parameters and buffers (rounded to float, so that both layers hold exactly the same numbers), the
 * same rounded inputs and output gradients, three training passes and one inference pass; each
 * pass compares the output, the input gradient and the accumulated parameter gradients, and at the
 * end the buffers (batch-norm's running statistics after the training passes).
 *
 * <p>The tolerance is relative to the largest magnitude in the float64 tensor: a float32 value is
 * off by its rounding (u = 2⁻²⁴ ≈ 6e-8) times the few operations that make it, and a float32
 * product or sum of k terms by at most about k·u of the terms' magnitudes; the largest sums here
 * are of some 60 terms (a convolution's weight gradient over batch and positions), about 4e-6
 * in the worst case and a tenth of that for random signs; the largest error seen in these tests is
 * 3.5e-7 (a weight gradient). {@link #TOLERANCE}, 1e-5, leaves a margin over the worst case and
 * still fails for a wrong index, a lost term or a γ/β off by 1e-4 (tried).
 */
final class Float32Equivalence {
    /** Relative to the tensor's largest magnitude; see the class comment. */
    static final double TOLERANCE = 1e-5;

    private Float32Equivalence() {
    }

    /**
     * Runs the layer in both element types and compares them.
     *
     * @param build makes the layer in an element type
     * @param input the shape of one example
     * @param batch the rows of each pass
     */
    static void assertEquivalent(Function<DType, Layer> build, Shape input, int batch) {
        Layer wide = build.apply(DType.F64);
        Layer narrow = build.apply(DType.F32);
        assertBuiltIn(wide, DType.F64);
        assertBuiltIn(narrow, DType.F32);
        SplittableRandom random = new SplittableRandom(17);
        randomise(wide, random);
        copyValues(wide, narrow);
        LayerPasses passes64 = new LayerPasses(wide, input, batch, 5);
        LayerPasses passes32 = new LayerPasses(narrow, input, batch, 5);
        int in = input.size();
        int out = wide.outputShape(input).size();
        Tensor y64 = Tensor.zeros(batch, out);
        Tensor y32 = Tensor.zeros(batch, out, DType.F32);
        Tensor dx64 = Tensor.zeros(batch, in);
        Tensor dx32 = Tensor.zeros(batch, in, DType.F32);
        for (Mode mode : List.of(Mode.TRAIN, Mode.TRAIN, Mode.TRAIN, Mode.INFERENCE)) {
            Tensor x64 = rounded(batch, in, random);
            Tensor g64 = rounded(batch, out, random);
            passes64.forward(x64, y64, mode);
            passes32.forward(narrowed(x64), y32, mode);
            assertClose(mode + " output", y64, y32);
            passes64.backward(x64, y64, g64, dx64, mode, GradientListener.NONE);
            passes32.backward(narrowed(x64), y32, narrowed(g64), dx32, mode, GradientListener.NONE);
            assertClose(mode + " input gradient", dx64, dx32);
            for (int p = 0; p < wide.parameters().size(); p++) {
                assertClose(mode + " gradient of " + wide.parameters().get(p).path(),
                        wide.parameters().get(p).gradient(), narrow.parameters().get(p).gradient());
            }
        }
        for (int b = 0; b < wide.buffers().size(); b++) {
            assertClose("buffer " + wide.buffers().get(b).path(), wide.buffers().get(b).value(),
                    narrow.buffers().get(b).value());
        }
    }

    /**
     * Checks what a layer built in {@code type} reports: it supports that type and no other, and its
     * parameters, their gradients and its floating-point buffers are of it.
     *
     * @param layer the layer
     * @param type the element type it was built in
     */
    static void assertBuiltIn(Layer layer, DType type) {
        assertTrue(layer.supports(type), layer + " does not support " + type);
        assertTrue(!layer.supports(type == DType.F32 ? DType.F64 : DType.F32), layer + " supports both types");
        for (Parameter p : layer.parameters()) {
            assertEquals(type, p.value().dtype(), p.path());
            assertEquals(type, p.gradient().dtype(), p.path() + "'s gradient");
        }
        for (Buffer b : layer.buffers()) {
            if (b.dtype() == DType.I64) {
                assertEquals(DType.F64, b.value().dtype(), b.path() + " holds integers in an F64 tensor");
            } else {
                assertEquals(type, b.dtype(), b.path());
                assertEquals(type, b.value().dtype(), b.path());
            }
        }
    }

    /**
     * Asserts |actual - expected| &lt;= {@link #TOLERANCE}·max|expected| at every position in use.
     *
     * @param what names the tensor in the message
     * @param expected the float64 values
     * @param actual the float32 values
     */
    static void assertClose(String what, Tensor expected, Tensor actual) {
        assertEquals(expected.size(), actual.size(), what + ": sizes");
        double scale = 0;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.get(i)));
        }
        for (int i = 0; i < expected.size(); i++) {
            double error = Math.abs(actual.get(i) - expected.get(i));
            if (!(error <= TOLERANCE * scale)) {
                throw new AssertionError(what + " [" + i + "]: float64 " + expected.get(i) + ", float32 "
                        + actual.get(i) + "; the difference " + error + " exceeds " + TOLERANCE
                        + " of the largest magnitude, " + scale + ".");
            }
        }
    }

    /**
     * A batch of values in [-1, 1) that float32 holds exactly.
     *
     * @param rows the rows
     * @param cols the columns
     * @param random the source
     * @return a float64 tensor
     */
    static Tensor rounded(int rows, int cols, SplittableRandom random) {
        Tensor t = Tensor.zeros(rows, cols);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, (float) (2 * random.nextDouble() - 1));
        }
        return t;
    }

    /**
     * @param t a tensor
     * @return its values in a new float32 tensor
     */
    static Tensor narrowed(Tensor t) {
        Tensor n = Tensor.zeros(t.rows(), t.cols(), DType.F32);
        n.copyFrom(t);
        return n;
    }

    /** γ-like values of either sign away from 0, variances in [0.5, 2), means in [-1, 1), all rounded to float. */
    private static void randomise(Layer layer, SplittableRandom random) {
        for (Parameter p : layer.parameters()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, (float) (random.nextDouble(0.5, 1.5) * (random.nextBoolean() ? 1 : -1)));
            }
        }
        for (Buffer b : layer.buffers()) {
            for (int i = 0; b.dtype() != DType.I64 && i < b.value().size(); i++) {
                b.value().set(i, (float) (b.path().contains("var") ? random.nextDouble(0.5, 2)
                        : random.nextDouble(-1, 1)));
            }
        }
    }

    private static void copyValues(Layer from, Layer to) {
        for (int p = 0; p < from.parameters().size(); p++) {
            to.parameters().get(p).value().copyFrom(from.parameters().get(p).value());
        }
        for (int b = 0; b < from.buffers().size(); b++) {
            to.buffers().get(b).value().copyFrom(from.buffers().get(b).value());
        }
    }
}
