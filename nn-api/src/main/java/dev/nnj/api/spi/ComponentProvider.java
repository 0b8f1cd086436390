package dev.nnj.api.spi;

import dev.nnj.api.Spi;

/**
 * Creates one kind of component from its JSON configuration. Providers are small, stateless and
 * thread-safe; one instance serves every model.
 *
 * @param <T> the component type
 */
@Spi
public interface ComponentProvider<T> {

    /**
     * The type id that selects this provider, e.g. {@code "type": "dense"}.
     *
     * @return the id that model files use: lower-kebab; nnj's own ids have no dot, third parties'
     *     are {@code vendor.name} ({@code acme.gated-dense})
     */
    String type();

    /**
     * Reads {@code config} and builds the component. Every key the provider does not read is
     * reported to the user as a probable typo, so read (or {@link Config#has(String) check}) every
     * key you accept.
     *
     * @param config the component's JSON object, with its path; read every key you accept
     * @param context what the component may know of the model (input shape, name, seeded random
     *     numbers) and how to build nested components
     * @return a new component, configured as {@code config} says
     * @throws dev.nnj.api.ModelConfigException if the configuration is invalid (use
     *     {@link Config#invalid(String, String)} for a message that names the path)
     */
    T create(Config config, BuildContext context);
}
