/**
 * The built-in losses, each documented with its formula, reduction and gradient, as PyTorch defines
 * them: mean squared and absolute error, Huber, and the two cross-entropies that take logits
 * ({@code softmax-cross-entropy}, {@code binary-cross-entropy}), fused for exact gradients. Every
 * loss checks that prediction, target and gradient have one shape.
 */
package dev.nnj.core.loss;
