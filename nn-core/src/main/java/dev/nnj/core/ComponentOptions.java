package dev.nnj.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The settings of one component built in code, the keys a model file would give it:
 * {@code o -> o.set("learningRate", 1e-3).set("weightDecay", 1e-4)}. Values are JSON-like: numbers,
 * strings, booleans, lists of them, and nested components ({@link #component}).
 */
public final class ComponentOptions {
    private final Map<String, Object> values;

    ComponentOptions(Map<String, Object> values) {
        this.values = values;
    }

    static Map<String, Object> of(String type, Consumer<ComponentOptions> options) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("type", type);
        if (options != null) {
            options.accept(new ComponentOptions(values));
        }
        return values;
    }

    /**
     * Sets one key, as a model file's {@code "key": value}; checked when the model is built, with
     * the model file's messages (an unknown key names the keys the component reads).
     *
     * @param key the key
     * @param value its value: a number, string, boolean, or a list of them
     * @return these options
     */
    public ComponentOptions set(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /**
     * Sets a nested component, such as an optimizer's {@code "schedule"} or a layer's
     * {@code "weightInit"}.
     *
     * @param key the key, e.g. {@code schedule}
     * @param type the nested component's type id, e.g. {@code cosine}
     * @param options its settings, or {@code null} for none
     * @return these options
     */
    public ComponentOptions component(String key, String type, Consumer<ComponentOptions> options) {
        values.put(key, of(type, options));
        return this;
    }
}
