package dev.nnj.core.registry;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.ExtensionException;
import dev.nnj.api.UnknownComponentException;
import dev.nnj.api.spi.ComponentKind;
import dev.nnj.api.spi.ComponentProvider;
import dev.nnj.api.spi.NnExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every component id that the discovered extensions provide, validated in one place: ids are
 * well-formed lower-kebab, ids without a dot belong to nnj's own extensions, and one id has one
 * provider. Immutable.
 */
public final class ComponentRegistry {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.[a-z][a-z0-9]*(-[a-z0-9]+)*)*");
    private static final String NNJ_PACKAGE = "dev.nnj.";
    static final String HOW_EXTENSIONS_ARE_FOUND = "Extensions are found through "
            + "META-INF/services/dev.nnj.api.spi.NnExtension in the jars on the class path and in the plugin "
            + "directory (nnj --plugins DIR, or NNJ_PLUGINS); 'nnj list' shows what was found.";

    private final Map<ComponentKind, Map<String, Entry>> entries;

    private ComponentRegistry(Map<ComponentKind, Map<String, Entry>> entries) {
        this.entries = entries;
    }

    /**
     * One registered component.
     *
     * @param kind what kind of component it is
     * @param type its id, as model files name it
     * @param provider what builds it
     * @param extension the class of the extension that contributed it
     * @param source where that class was loaded from (a jar or a directory)
     */
    public record Entry(ComponentKind kind, String type, ComponentProvider<?> provider, Class<?> extension,
            String source) {
        /**
         * @return the class that implements the component (for providers that say), else the
         *     provider's; never an anonymous or local class, but the named class that declares it
         */
        public Class<?> implementation() {
            return Providers.implementationOf(provider);
        }

        @Override
        public String toString() {
            return kind.label() + " '" + type + "' from " + extension.getName() + " (" + source + ")";
        }
    }

    /**
     * Starts a registry; add extensions, then build it.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Looks up the provider of an id.
     *
     * @param kind the kind of component
     * @param type the id, as a model file names it
     * @return the entry of that id
     * @throws UnknownComponentException listing the known ids of that kind, with a suggestion for a
     *     typo and how extensions are found
     */
    public Entry entry(ComponentKind kind, String type) {
        Entry e = entries.get(kind).get(type);
        if (e == null) {
            Set<String> known = types(kind);
            throw new UnknownComponentException("unknown " + kind.label() + " type '" + type + "'."
                    + Suggestions.didYouMean(type, known) + " Known " + kind.label() + " types: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)) + ". " + HOW_EXTENSIONS_ARE_FOUND);
        }
        return e;
    }

    /**
     * The ids of one kind, e.g. for a message or {@code nnj list}.
     *
     * @param kind the kind of component
     * @return the ids of one kind, sorted; unmodifiable
     */
    public Set<String> types(ComponentKind kind) {
        return Collections.unmodifiableSet(entries.get(kind).keySet());
    }

    /**
     * Every registered component, e.g. for {@code nnj list}.
     *
     * @return every entry, by kind then id
     */
    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        for (Map<String, Entry> byType : entries.values()) {
            all.addAll(byType.values());
        }
        return all;
    }

    /**
     * Every registered component as text, one line each.
     *
     * @return one line per entry: kind, id, provider class, extension class, source
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Entry e : entries()) {
            lines.add(e.kind().label() + " " + e.type() + " " + e.implementation().getName() + " "
                    + e.extension().getName() + " " + e.source());
        }
        return lines;
    }

    /** Collects extensions and validates their ids. */
    public static final class Builder {
        private final Map<ComponentKind, Map<String, Entry>> entries = new EnumMap<>(ComponentKind.class);
        private final Set<Class<?>> seen = new LinkedHashSet<>();

        private Builder() {
            for (ComponentKind kind : ComponentKind.values()) {
                entries.put(kind, new TreeMap<>());
            }
        }

        /**
         * Adds an extension, with the location of its class as its source.
         *
         * @param extension the extension whose providers to register
         * @return this builder
         * @throws ExtensionException for a null provider or a malformed, reserved or duplicate id
         */
        public Builder add(NnExtension extension) {
            return add(extension, Sources.of(extension.getClass()));
        }

        /**
         * Adds every provider of {@code extension}. The same extension class added twice counts once.
         *
         * @param extension the extension whose providers to register
         * @param source where the extension comes from (a jar or a directory), for messages
         * @return this builder
         * @throws ExtensionException for a null provider or a malformed, reserved or duplicate id
         */
        public Builder add(NnExtension extension, String source) {
            requireNonNull(extension, "extension is null");
            if (!seen.add(extension.getClass())) {
                return this;
            }
            for (ComponentKind kind : ComponentKind.values()) {
                for (ComponentProvider<?> provider : kind.providersOf(extension)) {
                    register(kind, provider, extension, source);
                }
            }
            return this;
        }

        private void register(ComponentKind kind, ComponentProvider<?> provider, NnExtension extension, String source) {
            String where = extension.getClass().getName() + " (" + source + ")";
            if (provider == null) {
                throw new ExtensionException("Extension " + where + " lists a null " + kind.label() + " provider.");
            }
            String type = provider.type();
            if (type == null || !ID.matcher(type).matches()) {
                throw new ExtensionException("Extension " + where + " registers " + kind.label() + " type '" + type
                        + "' (" + provider.getClass().getName() + "): ids must be lower-kebab words separated by "
                        + "dots, such as 'acme.gated-dense'.");
            }
            if (!type.contains(".") && !extension.getClass().getName().startsWith(NNJ_PACKAGE)) {
                throw new ExtensionException("Extension " + where + " registers " + kind.label() + " type '" + type
                        + "' without a vendor prefix; ids without a dot are reserved for nnj. Use "
                        + "'<vendor>." + type + "', e.g. 'acme." + type + "'.");
            }
            Entry previous = entries.get(kind).get(type);
            if (previous != null) {
                throw new ExtensionException(capitalized(kind.label()) + " type '" + type + "' is registered twice: by "
                        + previous.extension().getName() + " (" + previous.source() + ") and by " + where
                        + ". Remove one of the two jars (from the class path or the plugin directory) or rename one id.");
            }
            entries.get(kind).put(type, new Entry(kind, type, provider, extension.getClass(), source));
        }

        private static String capitalized(String s) {
            return Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }

        /**
         * Freezes what was added; the builder may go on collecting for another registry.
         *
         * @return an immutable registry of every provider added
         */
        public ComponentRegistry build() {
            Map<ComponentKind, Map<String, Entry>> copy = new EnumMap<>(ComponentKind.class);
            entries.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
            return new ComponentRegistry(Collections.unmodifiableMap(copy));
        }
    }
}
