package dev.nnj.core.registry;

import dev.nnj.api.ExtensionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Loads plugin jars from a directory, each through its own class loader (a child of the
 * application's), so that extensions found there are discovered like those on the class path and
 * each one's source is its jar. Each jar is opened and its services file read first: a class loader
 * skips a jar it cannot open without a word, so a truncated or corrupt jar would otherwise look like
 * an empty one.
 */
public final class Plugins {
    /** Environment variable naming the plugin directory when {@code --plugins} is not given. */
    public static final String ENVIRONMENT_VARIABLE = "NNJ_PLUGINS";

    private Plugins() {
    }

    /**
     * Opens every jar of a plugin directory, each in a class loader of its own.
     *
     * @param directory a directory of jars
     * @param parent the application's class loader
     * @return one class loader per {@code *.jar} in {@code directory}, in name order
     * @throws ExtensionException if the directory does not exist or cannot be read, or naming the jar
     *     if a jar is not a readable zip (truncated, corrupt, or not a jar at all)
     */
    public static List<ClassLoader> load(Path directory, ClassLoader parent) {
        if (!Files.isDirectory(directory)) {
            throw new ExtensionException("Plugin directory not found: " + directory.toAbsolutePath()
                    + " (from --plugins or " + ENVIRONMENT_VARIABLE + "); it should hold extension jars.");
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new ExtensionException("Cannot read plugin directory " + directory + ": " + e.getMessage(), e);
        }
        List<ClassLoader> loaders = new ArrayList<>();
        for (Path jar : jars) {
            checkReadable(jar);
            loaders.add(new URLClassLoader("nnj-plugin:" + jar.getFileName(), new URL[] {url(jar)}, parent));
        }
        return loaders;
    }

    /**
     * Opens {@code jar} and reads its services file, as its class loader will: the zip's central
     * directory must be whole, and the services entry must inflate to its recorded size and CRC.
     */
    private static void checkReadable(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry services = file.getEntry(ExtensionDiscovery.SERVICES_FILE);
            if (services != null) {
                try (InputStream in = file.getInputStream(services)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ExtensionException("Cannot load plugin jar " + jar.toAbsolutePath() + ": not a readable jar ("
                    + e.getMessage() + "); it may be truncated or corrupt. Replace it with a complete copy or remove "
                    + "it from the plugin directory.", e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new ExtensionException("Cannot load plugin " + jar + ": " + e.getMessage(), e);
        }
    }
}
