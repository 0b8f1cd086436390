/**
 * The built-in layers and their providers: {@code dense} ({@link dev.nnj.core.layer.DenseLayer}, Y
 * = X·W + b, its products done by the chosen {@link dev.nnj.core.math.Kernels}), {@code dropout}
 * ({@link dev.nnj.core.layer.Dropout}), and {@link dev.nnj.core.layer.ActivationLayer}, which the
 * assembler adds after a layer whose config has an {@code activation} key.
 */
package dev.nnj.core.layer;
