/**
 * The learning-rate schedules, named under an optimizer's {@code schedule} key, each as PyTorch's
 * scheduler of the same kind: step, exponential, cosine annealing (with warm restarts), linear
 * warm-up and reduce-on-plateau. A schedule sets the rate before each epoch from the optimizer's
 * configured rate.
 */
package dev.nnj.optim.schedule;
