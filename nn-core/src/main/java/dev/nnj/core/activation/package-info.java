/**
 * The built-in activations, one class per type id, each documented with its formula and derivative.
 * Element-wise functions extend {@link dev.nnj.core.activation.ElementwiseActivation};
 * {@link dev.nnj.core.activation.Softmax} mixes a row's values and implements the full
 * vector-Jacobian product, and {@link dev.nnj.core.activation.Relu} has branch-free loops of its
 * own for speed. All are stateless.
 */
package dev.nnj.core.activation;
