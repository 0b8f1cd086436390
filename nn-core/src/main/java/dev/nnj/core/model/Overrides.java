package dev.nnj.core.model;

import dev.nnj.api.Layer;

/** Whether a layer's class overrides one of {@link Layer}'s default methods: what the model calls depends on it. */
final class Overrides {
    private Overrides() {
    }

    /** @return whether {@code layer}'s class declares its own {@code name(types)}, not Layer's default */
    static boolean method(Layer layer, String name, Class<?>... types) {
        try {
            return layer.getClass().getMethod(name, types).getDeclaringClass() != Layer.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
