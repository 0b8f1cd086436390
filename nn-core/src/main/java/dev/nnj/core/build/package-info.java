/**
 * From a declared model to a built one: a {@link dev.nnj.core.build.ModelSpec} (a model file's
 * settings and component configs), the {@link dev.nnj.core.build.ModelAssembler} that builds it
 * through the registry and says where each problem is, and the resulting
 * {@link dev.nnj.core.build.AssembledModel} (network, loss, optimizer, training settings).
 */
package dev.nnj.core.build;
