/**
 * Discovery of extensions and their validation in one place:
 * {@link dev.nnj.core.registry.ExtensionDiscovery} reads the {@code META-INF/services} entries of
 * the application and of the plugin jars ({@link dev.nnj.core.registry.Plugins}), and
 * {@link dev.nnj.core.registry.ComponentRegistry} checks every id (well-formed, vendor-prefixed
 * outside nnj, unique per kind) and says, for an unknown id, which ones are known
 * ({@link dev.nnj.core.registry.Suggestions}). A broken entry or a duplicate fails at start-up,
 * naming both classes and jars.
 */
package dev.nnj.core.registry;
