/**
 * Seeded random streams, one per purpose ({@code init:layers.0.weight}, {@code shuffle:epoch:3}),
 * derived from the model's seed by {@link dev.nnj.core.random.Seeds}: nothing in nnj uses a global
 * generator, so the same seed gives the same run.
 */
package dev.nnj.core.random;
