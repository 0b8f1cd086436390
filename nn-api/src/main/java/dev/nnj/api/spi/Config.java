package dev.nnj.api.spi;

import dev.nnj.api.ModelConfigException;
import dev.nnj.api.Spi;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only, typed view of one JSON object of a model file that knows where it stands
 * ({@code layers[2]}) and which keys were read, so that an unread key can be reported as a typo.
 */
@Spi
public interface Config {

    /** @return where this object stands in the model, e.g. {@code layers[2]} */
    String path();

    /** @return the component's type id (the {@code type} key) */
    String type();

    boolean has(String key);

    /** @return every key of the object, in file order */
    Set<String> keys();

    /** @return the keys that were asked for (read or checked), present or not */
    Set<String> readKeys();

    /** @return the keys nobody has read or checked with {@link #has(String)} yet, except {@code type} */
    Set<String> unreadKeys();

    String getString(String key, String defaultValue);

    String requireString(String key);

    double getDouble(String key, double defaultValue);

    double requireDouble(String key);

    int getInt(String key, int defaultValue);

    int requireInt(String key);

    /** @return a whole number, exactly (seeds, counts beyond int) */
    long getLong(String key, long defaultValue);

    boolean getBoolean(String key, boolean defaultValue);

    /** @return the list of integers under {@code key}, if present */
    Optional<int[]> getIntArray(String key);

    /**
     * @return the component under {@code key}: an object with a {@code type}, or a bare string
     *     meaning {@code {"type": "..."}}
     */
    Optional<Config> getComponent(String key);

    /** @return the components of a list under {@code key}; empty if absent */
    List<Config> getComponentList(String key);

    /**
     * @param key the offending key
     * @param expected what is allowed, e.g. {@code an integer >= 1}
     * @return an exception saying {@code layers[0].units: expected an integer >= 1, got 0.}
     */
    ModelConfigException invalid(String key, String expected);
}
