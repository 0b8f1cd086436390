/**
 * The {@code blas} compute backend ({@link dev.nnj.blas.BlasBackend}): nnj's matrix products on
 * dev.ludovic.netlib's BLAS, native (OpenBLAS through JNI) where the system has it, else netlib's
 * Java implementation. Row-major tensors are passed to column-major {@code dgemm} as their
 * transposes, without copying; products are split into fixed blocks so that results do not depend
 * on the thread count.
 */
package dev.nnj.blas;
