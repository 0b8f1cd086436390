package dev.nnj.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * How products are cut into blocks: by their shapes only (so OpenBLAS's bits do not depend on the
 * thread count), at least 2 blocks of any split product, at most 8, about 2^23 multiply-adds each
 * where there is more work; a gradient's rows in eighths.
 */
class BlockSplitTest {

    @Test
    void theMlpsProductsGetTwoBlocksOnTwoCoresWorth() {
        // batch 128, first layer: 128x784x256 = 25.7M multiply-adds -> 3 blocks' worth, 43 rows -> 64
        assertEquals(64, BlockedKernels.splitBlock(128, 128L * 784 * 256));
        // batch 32, first layer split by its 256 columns: 6.4M -> 2 blocks of 128
        assertEquals(128, BlockedKernels.splitBlock(256, 32L * 784 * 256));
        // a product just worth splitting (1M) still gets 2 blocks
        assertEquals(64, BlockedKernels.splitBlock(128, 1L << 20));
    }

    @Test
    void largeProductsGetAtMostEightBlocksOfWholeMultiplesOf32() {
        assertEquals(128, BlockedKernels.splitBlock(1024, 1L << 40));
        assertEquals(64, BlockedKernels.splitBlock(300, 5L << 23)); // 5 blocks: 60 rows -> 64
    }

    @Test
    void noBlockIsLargerThanTheOutputOrSmallerThan32() {
        assertEquals(32, BlockedKernels.splitBlock(40, 1L << 30)); // 8 blocks' worth, but 32 at least
        assertEquals(20, BlockedKernels.splitBlock(20, 1L << 30)); // never more than the output
        assertEquals(32, BlockedKernels.splitBlock(64, 1L << 21));
    }

    @Test
    void gradientsAreCutInEighths() {
        assertEquals(128, BlockedKernels.eighth(784));
        assertEquals(32, BlockedKernels.eighth(256));
        assertEquals(32, BlockedKernels.eighth(10));
    }
}
