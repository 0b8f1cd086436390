/**
 * Training: {@link dev.nnj.core.train.Trainer} (mini-batch gradient descent with a seeded order,
 * optional gradient clipping and learning-rate schedule, and updates during the backward pass where
 * the optimizer allows), its {@link dev.nnj.core.train.TrainingListener}s (early stopping, a CSV
 * log, checkpoints) and what each epoch achieved ({@link dev.nnj.core.train.EpochResult}). A step
 * allocates nothing.
 */
package dev.nnj.core.train;
