package dev.nnj.blas;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ludovic.netlib.blas.JavaBLAS;
import org.junit.jupiter.api.Test;

class DgemmTest {
    @Test
    void reachesTheUncheckedKernelOnTheClassPath() {
        // Without it, small batches would be split by rows only and keep one core busy.
        assertFalse(new Dgemm(JavaBLAS.getInstance()).rowBlocksOnly());
        assertFalse(new Dgemm(dev.ludovic.netlib.blas.BLAS.getInstance()).rowBlocksOnly());
    }
}
