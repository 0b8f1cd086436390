package dev.nnj.api.spi;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.ModelConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Config} over a map of JSON-like values ({@link String}, {@link Number}, {@link Boolean},
 * {@link List}, {@link Map}). Used by the JSON reader and for building components in code.
 */
public final class MapConfig implements Config {
    private static final String TYPE = "type";

    private final String path;
    private final Map<String, Object> values;
    private final Set<String> read = new LinkedHashSet<>();

    /**
     * A config over a copy of {@code values}, with no key read yet.
     *
     * @param path where the object stands, e.g. {@code layers[2]}
     * @param values the object's keys and values; copied
     */
    public MapConfig(String path, Map<String, ?> values) {
        this.path = requireNonNull(path, "path is null");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(values, "values is null")));
    }

    /**
     * Builds a component's configuration in code, e.g.
     * {@code MapConfig.of("layers[0]", "dense", "units", 64, "activation", "relu")}.
     *
     * @param path where the object stands, e.g. {@code layers[0]}
     * @param type the component's type id, stored under {@code type}
     * @param keyValues alternating keys (strings) and values (JSON-like: {@link String},
     *     {@link Number}, {@link Boolean}, {@link List}, {@link Map}); a trailing key without a value
     *     is ignored
     * @return a config of {@code {"type": type}} plus the given key-value pairs
     * @throws ClassCastException if a key is not a {@link String}
     */
    public static MapConfig of(String path, String type, Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(TYPE, type);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new MapConfig(path, map);
    }

    /**
     * Reads a component as model files write it: a bare type id or an object with a {@code type}.
     *
     * @param path where the component stands, e.g. {@code layers[0].activation}
     * @param spec a bare string (the type id) or a map with a {@code type} key; not modified
     * @return a config of {@code {"type": spec}} for a string, else of the map's entries (keys as
     *     strings)
     * @throws ModelConfigException if {@code spec} is neither, or a map without a string {@code type}
     */
    public static MapConfig ofSpec(String path, Object spec) {
        if (spec instanceof String s) {
            return new MapConfig(path, Map.of(TYPE, s));
        }
        if (spec instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), v));
            if (!(copy.get(TYPE) instanceof String)) {
                throw new ModelConfigException(path + ": a component needs a \"type\" key naming its type id, e.g. "
                        + "{\"type\": \"dense\", ...}; got keys " + copy.keySet() + ".");
            }
            return new MapConfig(path, copy);
        }
        throw new ModelConfigException(path + ": expected a type id (a string) or an object with a \"type\" key; got "
                + describe(spec) + ".");
    }

    /**
     * The JSON-like values this config holds.
     *
     * @return the object's keys and values as given (unmodifiable), e.g. to write the model back
     */
    public Map<String, Object> values() {
        return values;
    }

    /**
     * Overrides one key, leaving this config as it is (e.g. a command-line override).
     *
     * @param key the JSON key to set
     * @param value its new, JSON-like value
     * @return a copy of this config with {@code key} set to {@code value}, at the same path, with no
     *     key read yet
     */
    public MapConfig with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new MapConfig(path, copy);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String type() {
        Object t = values.get(TYPE);
        if (!(t instanceof String s)) {
            throw new ModelConfigException(path + ": missing \"type\" (a type id such as \"dense\").");
        }
        return s;
    }

    @Override
    public boolean has(String key) {
        read.add(key);
        return values.containsKey(key) && values.get(key) != null;
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public Set<String> readKeys() {
        return Collections.unmodifiableSet(read);
    }

    @Override
    public Set<String> unreadKeys() {
        Set<String> unread = new LinkedHashSet<>(values.keySet());
        unread.removeAll(read);
        unread.remove(TYPE);
        return unread;
    }

    private Object raw(String key) {
        read.add(key);
        return values.get(key);
    }

    private Object required(String key, String expected) {
        Object v = raw(key);
        if (v == null) {
            throw new ModelConfigException(path + ": missing \"" + key + "\" (" + expected + ").");
        }
        return v;
    }

    @Override
    public String getString(String key, String defaultValue) {
        Object v = raw(key);
        return v == null ? defaultValue : asString(key, v);
    }

    @Override
    public String requireString(String key) {
        return asString(key, required(key, "a string"));
    }

    private String asString(String key, Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw invalid(key, "a string");
    }

    @Override
    public double getDouble(String key, double defaultValue) {
        Object v = raw(key);
        return v == null ? defaultValue : asDouble(key, v);
    }

    @Override
    public double requireDouble(String key) {
        return asDouble(key, required(key, "a number"));
    }

    private double asDouble(String key, Object v) {
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw invalid(key, "a finite number");
    }

    @Override
    public int getInt(String key, int defaultValue) {
        Object v = raw(key);
        return v == null ? defaultValue : asInt(key, v);
    }

    @Override
    public int requireInt(String key) {
        return asInt(key, required(key, "an integer"));
    }

    private int asInt(String key, Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw invalid(key, "an integer");
    }

    @Override
    public long getLong(String key, long defaultValue) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 0x1p53) {
            return (long) n.doubleValue();
        }
        throw invalid(key, "a whole number");
    }

    @Override
    public boolean getBoolean(String key, boolean defaultValue) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw invalid(key, "true or false");
    }

    @Override
    public Optional<int[]> getIntArray(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number) {
            return Optional.of(new int[] {asInt(key, v)});
        }
        if (v instanceof List<?> list && !list.isEmpty()) {
            int[] out = new int[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Number)) {
                    throw invalid(key, "a list of integers");
                }
                out[i] = asInt(key, list.get(i));
            }
            return Optional.of(out);
        }
        throw invalid(key, "a non-empty list of integers");
    }

    @Override
    public Optional<Config> getComponent(String key) {
        Object v = raw(key);
        return v == null ? Optional.empty() : Optional.of(ofSpec(child(key), v));
    }

    @Override
    public List<Config> getComponentList(String key) {
        Object v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw invalid(key, "a list");
        }
        List<Config> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(ofSpec(child(key) + "[" + i + "]", list.get(i)));
        }
        return out;
    }

    @Override
    public ModelConfigException invalid(String key, String expected) {
        return new ModelConfigException(child(key) + ": expected " + expected + ", got "
                + describe(values.get(key)) + ".");
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    @Override
    public String toString() {
        return path + " " + values;
    }
}
