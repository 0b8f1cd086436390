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

    /**
     * Where this object stands in the model file, for messages.
     *
     * @return where this object stands in the model, e.g. {@code layers[2]}
     */
    String path();

    /**
     * The type id that chose the provider reading this config.
     *
     * @return the component's type id (the {@code type} key)
     */
    String type();

    /**
     * Whether {@code key} is present with a value; counts as reading it, so a provider that only
     * checks a key's presence does not have it reported as a typo.
     *
     * @param key the JSON key, e.g. {@code units}
     * @return {@code true} if the key is present and not {@code null}
     */
    boolean has(String key);

    /**
     * Every key present, whether read or not.
     *
     * @return every key of the object, in file order
     */
    Set<String> keys();

    /**
     * The keys a provider has asked for, for listing the keys a component reads in messages.
     *
     * @return the keys that were asked for (read or checked), present or not
     */
    Set<String> readKeys();

    /**
     * The keys a provider has not asked for: after {@code create}, probable typos that nnj reports.
     *
     * @return the keys nobody has read or checked with {@link #has(String)} yet, except {@code type}
     */
    Set<String> unreadKeys();

    /**
     * Reads an optional string.
     *
     * @param key the JSON key
     * @param defaultValue returned when the key is absent or {@code null}
     * @return the string under {@code key}, or {@code defaultValue}
     * @throws ModelConfigException naming the path if the value is not a string
     */
    String getString(String key, String defaultValue);

    /**
     * Reads a required string.
     *
     * @param key the JSON key
     * @return the string under {@code key}
     * @throws ModelConfigException naming the path if the key is absent or the value is not a string
     */
    String requireString(String key);

    /**
     * Reads an optional number.
     *
     * @param key the JSON key
     * @param defaultValue returned when the key is absent or {@code null}
     * @return the number under {@code key}, or {@code defaultValue}
     * @throws ModelConfigException naming the path if the value is not a finite number
     */
    double getDouble(String key, double defaultValue);

    /**
     * Reads a required number.
     *
     * @param key the JSON key
     * @return the number under {@code key}
     * @throws ModelConfigException naming the path if the key is absent or the value is not a finite
     *     number
     */
    double requireDouble(String key);

    /**
     * Reads an optional integer; {@code 3.0} counts as 3, {@code 3.5} does not.
     *
     * @param key the JSON key
     * @param defaultValue returned when the key is absent or {@code null}
     * @return the integer under {@code key}, or {@code defaultValue}
     * @throws ModelConfigException naming the path if the value is not a whole number in the range
     *     of {@code int}
     */
    int getInt(String key, int defaultValue);

    /**
     * Reads a required integer; {@code 3.0} counts as 3, {@code 3.5} does not.
     *
     * @param key the JSON key
     * @return the integer under {@code key}
     * @throws ModelConfigException naming the path if the key is absent or the value is not a whole
     *     number in the range of {@code int}
     */
    int requireInt(String key);

    /**
     * Reads an optional whole number exactly (seeds, counts beyond {@code int}): a value parsed as
     * a floating-point number is accepted only below 2<sup>53</sup> in magnitude, where it is exact.
     *
     * @param key the JSON key
     * @param defaultValue returned when the key is absent or {@code null}
     * @return the whole number under {@code key}, or {@code defaultValue}
     * @throws ModelConfigException naming the path if the value is not a whole number
     */
    long getLong(String key, long defaultValue);

    /**
     * Reads an optional flag.
     *
     * @param key the JSON key
     * @param defaultValue returned when the key is absent or {@code null}
     * @return the boolean under {@code key}, or {@code defaultValue}
     * @throws ModelConfigException naming the path if the value is not {@code true} or {@code false}
     */
    boolean getBoolean(String key, boolean defaultValue);

    /**
     * Reads an optional list of integers, e.g. a shape; a single integer counts as a list of one.
     *
     * @param key the JSON key
     * @return the list of integers under {@code key}, if present
     * @throws ModelConfigException naming the path if the value is neither an integer nor a
     *     non-empty list of integers
     */
    Optional<int[]> getIntArray(String key);

    /**
     * Reads a nested component, such as a layer's {@code activation}. Its path is this one's plus
     * {@code key} ({@code layers[0].activation}).
     *
     * @param key the JSON key
     * @return the component under {@code key}: an object with a {@code type}, or a bare string
     *     meaning {@code {"type": "..."}}; empty if absent
     * @throws ModelConfigException naming the path if the value is neither, or an object without a
     *     string {@code type}
     */
    Optional<Config> getComponent(String key);

    /**
     * Reads a list of nested components, such as a model's {@code layers}; each has the path
     * {@code key[i]} under this one.
     *
     * @param key the JSON key
     * @return the components of a list under {@code key}, in order; empty if absent
     * @throws ModelConfigException naming the path if the value is not a list, or an element is not
     *     a component
     */
    List<Config> getComponentList(String key);

    /**
     * Builds, but does not throw, the exception for a value outside what a component accepts, so
     * that every component words such errors alike: {@code throw config.invalid("units", "an
     * integer >= 1")}.
     *
     * @param key the offending key
     * @param expected what is allowed, e.g. {@code an integer >= 1}
     * @return an exception saying {@code layers[0].units: expected an integer >= 1, got 0.}
     */
    ModelConfigException invalid(String key, String expected);
}
