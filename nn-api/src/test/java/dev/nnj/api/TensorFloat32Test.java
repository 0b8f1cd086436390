package dev.nnj.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Float32 storage in {@link Tensor}: allocation, access, conversion, and the errors of mixing types. */
class TensorFloat32Test {

    @Test
    void aFloat32TensorHoldsFloatsAndRefusesTheDoubleArray() {
        Tensor t = Tensor.zeros(2, 3, DType.F32);
        assertEquals(DType.F32, t.dtype());
        assertEquals(6, t.floatData().length);
        t.set(1, 2, 0.1);
        assertEquals((float) 0.1, t.floatData()[5]);
        assertEquals((double) (float) 0.1, t.get(1, 2));
        assertEquals((double) (float) 0.1, t.get(5));
        IllegalStateException e = assertThrows(IllegalStateException.class, t::data);
        assertTrue(e.getMessage().contains("[2, 3] tensor holds float32 values"), e.getMessage());
        assertTrue(e.getMessage().contains("supports(DType.F32)"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Tensor.zeros(1, 1).floatData());
        assertEquals("Tensor[2, 3] F32", t.toString());
    }

    @Test
    void copyFromConvertsBothWaysAndTakesTheRowsInUse() {
        Tensor doubles = Tensor.of(new double[][] {{0.1, -2.5}, {1e-3, 3}});
        Tensor floats = Tensor.zeros(4, 2, DType.F32);
        floats.copyFrom(doubles);
        assertEquals(2, floats.rows());
        assertArrayEquals(new float[] {0.1f, -2.5f, 1e-3f, 3f, 0, 0, 0, 0}, floats.floatData());
        Tensor back = Tensor.zeros(2, 2);
        back.copyFrom(floats);
        assertArrayEquals(new double[] {0.1f, -2.5f, 1e-3f, 3f}, back.data());
        Tensor copy = floats.copy();
        assertEquals(DType.F32, copy.dtype());
        assertArrayEquals(new double[] {0.1f, -2.5f}, copy.row(0));
        assertThrows(ShapeMismatchException.class, () -> Tensor.zeros(1, 2, DType.F32).copyFrom(doubles));
        assertThrows(ShapeMismatchException.class, () -> Tensor.zeros(2, 3, DType.F32).copyFrom(doubles));
    }

    @Test
    void wrapSharesTheArrayAndZeroClearsTheRowsInUse() {
        float[] values = {1, 2, 3, 4};
        Tensor t = Tensor.wrap(values, 2, 2);
        assertSame(values, t.floatData());
        t.setRows(1);
        t.zero();
        assertArrayEquals(new float[] {0, 0, 3, 4}, values);
        assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new float[3], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(1, 1, DType.I64));
    }

    @Test
    void parametersKeepTheirValuesTypeAndRefuseAMixedGradient() {
        Parameter p = Parameter.of("bias", ParameterRole.BIAS, Tensor.zeros(1, 3, DType.F32));
        assertEquals(DType.F32, p.gradient().dtype());
        assertThrows(ShapeMismatchException.class, () -> new Parameter("w", ParameterRole.OTHER,
                Tensor.zeros(2, 2, DType.F32), Tensor.zeros(2, 2), true));
        assertEquals(DType.F32, Buffer.of("mean", Tensor.zeros(1, 3, DType.F32), Shape.of(3)).dtype());
    }

    @Test
    void plainKernelsMultiplyFloatsAndRefuseMixedOperands() {
        Kernels k = Kernels.plain();
        Tensor a = Tensor.wrap(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.wrap(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        Tensor c = Tensor.zeros(2, 2, DType.F32);
        k.mult(a, b, c);
        assertArrayEquals(new float[] {4, 5, 10, 11}, c.floatData());
        k.addRowVector(c, Tensor.wrap(new float[] {1, -1}, 1, 2));
        assertArrayEquals(new float[] {5, 4, 11, 10}, c.floatData());
        Tensor sums = Tensor.zeros(1, 2, DType.F32);
        k.addColumnSums(c, sums);
        assertArrayEquals(new float[] {16, 14}, sums.floatData());
        Tensor bt = Tensor.wrap(new float[] {1, 0, 1, 0, 1, 1}, 2, 3);
        k.multTransB(a, bt, c);
        assertArrayEquals(new float[] {4, 5, 10, 11}, c.floatData());
        Tensor g = Tensor.zeros(3, 2, DType.F32);
        k.multAddTransA(a, c, g);
        assertArrayEquals(new float[] {44, 49, 58, 65, 72, 81}, g.floatData());
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> k.mult(a, Tensor.zeros(3, 2), c));
        assertTrue(e.getMessage().contains("one element type"), e.getMessage());
        assertTrue(k.supports(DType.F32));
    }

    @Test
    void aKernelOfAnEarlierApiSupportsOnlyFloat64() {
        Kernels old = new Kernels() {
            @Override
            public void mult(Tensor a, Tensor b, Tensor c) {
            }

            @Override
            public void multAddTransA(Tensor a, Tensor b, Tensor c) {
            }

            @Override
            public void multTransB(Tensor a, Tensor b, Tensor c) {
            }
        };
        assertTrue(old.supports(DType.F64));
        assertEquals(false, old.supports(DType.F32));
        float[] c = new float[4];
        old.gemm(false, false, 2, 2, 1, 1f, new float[] {1, 2}, 0, 1, new float[] {3, 4}, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {3, 4, 6, 8}, c);
    }
}
