/**
 * How extensions contribute components: the one {@link java.util.ServiceLoader} service,
 * {@link dev.nnj.api.spi.NnExtension}, lists providers of each
 * {@link dev.nnj.api.spi.ComponentKind kind}, and each provider builds its component from a
 * model file's JSON object.
 *
 * <p>A jar names its extension in {@code META-INF/services/dev.nnj.api.spi.NnExtension}. Each
 * {@link dev.nnj.api.spi.ComponentProvider} has a type id (lower-kebab; a third party's carries a
 * vendor prefix, {@code acme.gated-dense}) and builds its component from a
 * {@link dev.nnj.api.spi.Config}, the component's JSON object, with a
 * {@link dev.nnj.api.spi.BuildContext} that gives the input shape, seeded random numbers and nested
 * components. Every key a provider does not read is reported to the user as a probable typo.
 * nnj's own components are registered through the same interfaces.
 *
 * <p>{@link dev.nnj.api.spi.MapConfig} implements {@code Config} over a map, for the JSON reader
 * and for building components in code and in tests.
 */
package dev.nnj.api.spi;
