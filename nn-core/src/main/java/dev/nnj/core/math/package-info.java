/**
 * The matrix work of dense layers behind one small interface, {@link dev.nnj.core.math.Kernels} (c
 * = a·b, c += aᵀ·b, c = a·bᵀ on row-major tensors), with compute backends found by
 * {@link java.util.ServiceLoader} ({@link dev.nnj.core.math.Backend}, chosen by
 * {@link dev.nnj.core.math.Backends}) and a {@link dev.nnj.core.math.Partitioner} that splits rows
 * among threads with the same parts for the same sizes, so results do not depend on the thread
 * count. {@link dev.nnj.core.math.EjmlBackend} is the reference; this is the only package of
 * nn-core that depends on EJML.
 */
package dev.nnj.core.math;
