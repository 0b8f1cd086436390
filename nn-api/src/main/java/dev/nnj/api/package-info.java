/**
 * The types every nnj component works with, and the interfaces that components implement.
 *
 * <p>Data: a {@link dev.nnj.api.Tensor} is a batch of examples, {@code [batch, n]}, stored
 * row-major in one {@code double[]}; a {@link dev.nnj.api.Shape} is the shape of one example,
 * without the batch dimension; a {@link dev.nnj.api.Parameter} is a trainable value with its
 * gradient buffer, a stable path ({@code layers.0.weight}) and the shape it is saved in; a
 * {@link dev.nnj.api.Buffer} is saved state that is not trained (running statistics, counters).
 *
 * <p>Components: a {@link dev.nnj.api.Layer} maps a batch to a batch and back-propagates through
 * it; an {@link dev.nnj.api.Activation} is applied after a layer; a {@link dev.nnj.api.Loss}
 * scores predictions and yields dL/dPrediction; an {@link dev.nnj.api.Optimizer} updates
 * parameters from their gradients, and a {@link dev.nnj.api.Schedule} sets its learning rate per
 * epoch; an {@link dev.nnj.api.Initializer} fills a parameter's first value. A layer's passes get
 * a {@link dev.nnj.api.LayerContext} (mode, its per-workspace state, random stream, gradient
 * listener) and compute with the user's {@link dev.nnj.api.Kernels}. Types marked
 * {@link dev.nnj.api.Spi} grow only by addition.
 *
 * <p>Conventions: tensors are passed in, outputs last, and every tensor parameter's documentation
 * says its shape and whether it is modified; {@code forward}, {@code backward} and {@code step}
 * do not allocate; gradients of parameters accumulate (the trainer zeroes them before each step).
 * Failures are {@link dev.nnj.api.NnException}s whose messages say what, where, what was expected
 * and what to do.
 *
 * <p>This package and {@link dev.nnj.api.spi} depend on {@code java.base} only.
 */
package dev.nnj.api;
