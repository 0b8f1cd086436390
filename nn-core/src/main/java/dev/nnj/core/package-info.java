/**
 * nnj's runtime: the built-in components and the entry point that builds models from model files.
 *
 * <p>{@link dev.nnj.core.NnRuntime} discovers the extensions on the class path (nnj's own,
 * {@link dev.nnj.core.CoreExtension}, among them) and the compute backend, and reads and builds
 * model files; {@link dev.nnj.core.guice.NnModule} does the same for applications assembled with
 * Guice. The subpackages hold the components ({@code activation}, {@code layer}, {@code loss},
 * {@code init}), the model and its training ({@code model}, {@code train}, {@code eval},
 * {@code data}), model files ({@code json}, {@code build}), discovery ({@code registry}) and the
 * matrix kernels ({@code math}).
 */
package dev.nnj.core;
