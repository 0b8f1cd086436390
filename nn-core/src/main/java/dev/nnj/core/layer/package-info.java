/**
 * The built-in layers and their providers: {@code dense} ({@link dev.nnj.core.layer.DenseLayer}, Y
 * = X·W + b, its products done by the chosen {@link dev.nnj.core.math.Kernels}), {@code dropout}
 * ({@link dev.nnj.core.layer.Dropout}), {@code conv2d} ({@link dev.nnj.core.layer.Conv2d}, by
 * im2col and the chosen kernels), {@code max-pool2d} and {@code avg-pool2d}
 * ({@link dev.nnj.core.layer.MaxPool2d}, {@link dev.nnj.core.layer.AvgPool2d}; their window a
 * {@link dev.nnj.core.layer.Window2d}), {@code flatten} ({@link dev.nnj.core.layer.Flatten}), and
 * {@link dev.nnj.core.layer.ActivationLayer}, which the assembler adds after a layer whose config has
 * an {@code activation} key.
 */
package dev.nnj.core.layer;
