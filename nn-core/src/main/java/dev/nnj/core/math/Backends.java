package dev.nnj.core.math;

import dev.nnj.api.ExtensionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the compute backends and chooses one. */
public final class Backends {
    /** System property naming the backend, like {@code --backend}. */
    public static final String BACKEND_PROPERTY = "nnj.backend";
    /** System property with the number of threads, like {@code --threads}. */
    public static final String THREADS_PROPERTY = "nnj.threads";

    private Backends() {
    }

    /**
     * Every backend, available or not, e.g. for {@code nnj list}.
     *
     * @param loader the class loader whose {@code META-INF/services/dev.nnj.core.math.Backend}
     *     files are read
     * @return every backend visible to {@code loader}, highest rank first (ties by name)
     * @throws ExtensionException if a listed backend cannot be loaded
     */
    public static List<Backend> all(ClassLoader loader) {
        List<Backend> found = new ArrayList<>();
        try {
            for (Backend b : ServiceLoader.load(Backend.class, loader)) {
                found.add(b);
            }
        } catch (ServiceConfigurationError e) {
            throw new ExtensionException("Cannot load a compute backend: " + e.getMessage(), e);
        }
        found.sort(Comparator.comparingInt(Backend::rank).reversed().thenComparing(Backend::name));
        return found;
    }

    /**
     * Chooses the backend that models compute with.
     *
     * @param requested a backend name, or {@code null} for the system property {@code nnj.backend},
     *     or, without it, the available backend of highest rank
     * @param loader the class loader to find backends with
     * @return the chosen backend, which can run here
     * @throws ExtensionException if the requested backend is unknown or cannot run here, or no
     *     backend can run here
     */
    public static Backend choose(String requested, ClassLoader loader) {
        String name = requested != null ? requested : System.getProperty(BACKEND_PROPERTY);
        List<Backend> all = all(loader);
        if (name == null || name.isBlank()) {
            return all.stream().filter(b -> b.unavailableReason().isEmpty()).findFirst()
                    .orElseThrow(() -> new ExtensionException("No compute backend can run here: " + describe(all)));
        }
        for (Backend b : all) {
            if (b.name().equals(name)) {
                b.unavailableReason().ifPresent(why -> {
                    throw new ExtensionException("Backend '" + name + "' cannot run here: " + why);
                });
                return b;
            }
        }
        throw new ExtensionException("Unknown backend '" + name + "'. Backends found: " + describe(all) + ".");
    }

    /**
     * The thread count set by {@code -Dnnj.threads}.
     *
     * @return the number of threads from {@code nnj.threads}, else 1
     * @throws ExtensionException if it is set to anything but a whole number &gt;= 1
     */
    public static int threadsFromProperty() {
        return (int) WholeNumberProperty.read(THREADS_PROPERTY, System.getProperty(THREADS_PROPERTY), 1,
                Integer.MAX_VALUE, 1, "a whole number >= 1");
    }

    private static String describe(List<Backend> all) {
        return all.stream().map(b -> b.name() + " (rank " + b.rank()
                + b.unavailableReason().map(r -> ", unavailable: " + r).orElse("") + ")")
                .collect(Collectors.joining(", "));
    }
}
