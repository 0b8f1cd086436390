/**
 * nnj's optimizers, built against nn-api alone and registered by
 * {@link dev.nnj.optim.OptimExtension} exactly as a third party's would be: {@code sgd} and
 * {@code momentum} ({@link dev.nnj.optim.Sgd}), {@code adam} and {@code adamw}
 * ({@link dev.nnj.optim.Adam}), {@code rmsprop} ({@link dev.nnj.optim.RmsProp}) and {@code adagrad}
 * ({@link dev.nnj.optim.Adagrad}). Each follows PyTorch's update rule, written out in its class
 * comment, keeps its state under PyTorch's names, and updates in parts during the backward pass.
 */
package dev.nnj.optim;
