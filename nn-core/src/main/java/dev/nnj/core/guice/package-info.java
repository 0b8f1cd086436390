/**
 * Guice wiring, optional: {@link dev.nnj.core.guice.NnModule} binds the same registry and runtime
 * that {@link dev.nnj.core.NnRuntime#discover()} builds and one map of providers per kind. This is
 * the only package of nn-core that depends on Guice; no nnj class needs {@code @Inject}.
 */
package dev.nnj.core.guice;
