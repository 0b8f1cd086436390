package dev.nnj.core.registry;

import dev.nnj.api.ExtensionException;
import dev.nnj.api.spi.NnExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds {@link NnExtension}s with {@link ServiceLoader}. A broken service entry (class missing,
 * constructor throws) is an error that names the entry and the services file that lists it; it is
 * never skipped silently.
 */
public final class ExtensionDiscovery {
    static final String SERVICES_FILE = "META-INF/services/" + NnExtension.class.getName();

    private ExtensionDiscovery() {
    }

    /**
     * Discovers and validates the extensions of one class loader.
     *
     * @param loader the class loader whose {@code META-INF/services} files are read
     * @return a registry of every extension visible to {@code loader}
     * @throws dev.nnj.api.ExtensionException for a broken service entry or an invalid or duplicate id
     */
    public static ComponentRegistry discover(ClassLoader loader) {
        return discover(List.of(loader));
    }

    /**
     * Discovers and validates the extensions of the application and of every plugin jar.
     *
     * @param loaders the application's class loader, then one per plugin jar; an extension class
     *     visible to several counts once
     * @return a registry of every extension visible to any of {@code loaders}
     * @throws dev.nnj.api.ExtensionException for a broken service entry or an invalid or duplicate id
     */
    public static ComponentRegistry discover(List<ClassLoader> loaders) {
        ComponentRegistry.Builder builder = ComponentRegistry.builder();
        for (ClassLoader loader : loaders) {
            for (NnExtension extension : load(loader)) {
                builder.add(extension);
            }
        }
        return builder.build();
    }

    /**
     * Instantiates the extensions of one class loader, without validating their ids.
     *
     * @param loader the class loader whose {@code META-INF/services} files are read
     * @return the extensions visible to {@code loader}, instantiated, in class-path order
     * @throws dev.nnj.api.ExtensionException naming the entry and the services files that list it,
     *     if an entry cannot be loaded or instantiated
     */
    public static List<NnExtension> load(ClassLoader loader) {
        List<NnExtension> found = new ArrayList<>();
        Iterator<NnExtension> it = ServiceLoader.load(NnExtension.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return found;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                throw new ExtensionException("Cannot load an nnj extension: " + rootMessage(e) + listedIn(loader)
                        + " Fix or remove the jar that lists it.", e);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(" Caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return sb.toString();
    }

    /** @return the services files visible to {@code loader} and the entries each lists */
    private static String listedIn(ClassLoader loader) {
        StringBuilder sb = new StringBuilder(" Services files found:");
        try {
            Enumeration<URL> files = loader.getResources(SERVICES_FILE);
            while (files.hasMoreElements()) {
                URL url = files.nextElement();
                sb.append(' ').append(url).append(" lists ").append(entries(url)).append(';');
            }
        } catch (IOException e) {
            sb.append(" (cannot list them: ").append(e.getMessage()).append(')');
        }
        return sb.toString();
    }

    private static List<String> entries(URL url) {
        List<String> names = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String name = line.replaceAll("#.*", "").strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            names.add("(unreadable: " + e.getMessage() + ")");
        }
        return names;
    }
}
