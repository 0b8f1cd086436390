package dev.nnj.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.test.UnprefixedExtension;
import dev.nnj.api.ExtensionException;
import dev.nnj.api.UnknownComponentException;
import dev.nnj.api.spi.ComponentKind;
import dev.nnj.core.CoreExtension;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {

    @Test
    void findsTheBuiltInsThroughServiceLoader() {
        ComponentRegistry registry = ExtensionDiscovery.discover(getClass().getClassLoader());
        assertEquals(CoreExtension.class, registry.entry(ComponentKind.LAYER, "dense").extension());
        assertTrue(registry.types(ComponentKind.ACTIVATION).containsAll(
                List.of("identity", "sigmoid", "tanh", "relu", "leaky-relu", "softmax", "elu", "selu", "softplus",
                        "swish", "gelu")));
        assertTrue(registry.types(ComponentKind.LOSS).containsAll(
                List.of("mse", "softmax-cross-entropy", "binary-cross-entropy", "mae", "huber")));
        assertTrue(registry.types(ComponentKind.INITIALIZER).containsAll(List.of("xavier-uniform", "xavier-normal",
                "he-uniform", "he-normal", "lecun-normal", "zeros", "constant")));
    }

    @Test
    void countsTheSameExtensionClassOnce() {
        ComponentRegistry registry = ComponentRegistry.builder().add(new CoreExtension(), "a.jar")
                .add(new CoreExtension(), "a.jar").build();
        assertEquals(new CoreExtension().layers().size(), registry.types(ComponentKind.LAYER).size());
    }

    @Test
    void rejectsTwoProvidersOfOneIdNamingBothClassesAndJars() {
        ComponentRegistry.Builder builder = ComponentRegistry.builder().add(new CoreExtension(), "nn-core.jar");
        ExtensionException e = assertThrows(ExtensionException.class, () -> builder.add(new SecondDense(), "other.jar"));
        assertEquals("Layer type 'dense' is registered twice: by dev.nnj.core.CoreExtension (nn-core.jar) and by "
                + "dev.nnj.core.registry.SecondDense (other.jar). Remove one of the two jars (from the "
                + "class path or the plugin directory) or rename one id.", e.getMessage());
    }

    @Test
    void refusesAThirdPartyIdWithoutAVendorPrefix() {
        ExtensionException e = assertThrows(ExtensionException.class,
                () -> ComponentRegistry.builder().add(new UnprefixedExtension(), "acme.jar"));
        assertEquals("Extension com.acme.test.UnprefixedExtension (acme.jar) registers activation type 'swish' "
                + "without a vendor prefix; ids without a dot are reserved for nnj. Use '<vendor>.swish', "
                + "e.g. 'acme.swish'.", e.getMessage());
    }

    @Test
    void listsKnownIdsForAnUnknownOne() {
        ComponentRegistry registry = ComponentRegistry.builder().add(new CoreExtension(), "nn-core.jar").build();
        UnknownComponentException e = assertThrows(UnknownComponentException.class,
                () -> registry.entry(ComponentKind.LOSS, "cross-entropy"));
        assertEquals("unknown loss type 'cross-entropy'. Known loss types: binary-cross-entropy, huber, mae, mse, "
                + "softmax-cross-entropy. Extensions are found through META-INF/services/dev.nnj.api.spi.NnExtension "
                + "in the jars on the class path and in the plugin directory (nnj --plugins DIR, or NNJ_PLUGINS); "
                + "'nnj list' shows what was found.", e.getMessage());
    }

    @Test
    void reportsAServiceEntryWhoseClassIsMissing(@TempDir Path dir) throws IOException {
        URL services = servicesFile(dir, "com.example.MissingExtension");
        ExtensionException e = assertThrows(ExtensionException.class, () -> discoverWith(dir));
        assertTrue(e.getMessage().startsWith("Cannot load an nnj extension: dev.nnj.api.spi.NnExtension: "
                + "Provider com.example.MissingExtension not found"), e.getMessage());
        assertTrue(e.getMessage().contains(services + " lists [com.example.MissingExtension]"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Fix or remove the jar that lists it."), e.getMessage());
    }

    @Test
    void reportsAServiceEntryWhoseConstructorThrows(@TempDir Path dir) throws IOException {
        servicesFile(dir, ThrowingExtension.class.getName());
        ExtensionException e = assertThrows(ExtensionException.class, () -> discoverWith(dir));
        assertTrue(e.getMessage().startsWith("Cannot load an nnj extension: dev.nnj.api.spi.NnExtension: "
                + "Provider dev.nnj.core.registry.ThrowingExtension could not be instantiated"), e.getMessage());
        assertTrue(e.getMessage().contains("IllegalStateException: no licence key found"), e.getMessage());
    }

    @Test
    void readsTheServicesFileOfEveryJarInThePluginDirectory(@TempDir Path dir) throws IOException {
        writeJar(dir.resolve("acme.jar"), "com.acme.test.UnprefixedExtension\n");
        Files.writeString(dir.resolve("notes.txt"), "not a jar");
        java.util.List<ClassLoader> loaders = Plugins.load(dir, getClass().getClassLoader());
        assertEquals(1, loaders.size());
        java.util.List<ClassLoader> all = new java.util.ArrayList<>(java.util.List.of(getClass().getClassLoader()));
        all.addAll(loaders);
        ExtensionException e = assertThrows(ExtensionException.class, () -> ExtensionDiscovery.discover(all));
        assertTrue(e.getMessage().startsWith("Extension com.acme.test.UnprefixedExtension ("), e.getMessage());
    }

    @Test
    void reportsATruncatedPluginJarNamingIt(@TempDir Path dir) throws IOException {
        Path whole = dir.resolve("whole.jar");
        writeJar(whole, "com.acme.test.UnprefixedExtension\n".repeat(50));
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        byte[] bytes = Files.readAllBytes(whole);
        Path jar = Files.write(plugins.resolve("acme.jar"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ExtensionException e = assertThrows(ExtensionException.class, () -> Plugins.load(plugins, getClass().getClassLoader()));
        assertEquals(unreadable(jar, "zip END header not found"), e.getMessage());
    }

    @Test
    void reportsAFileNamedJarThatIsNotAZip(@TempDir Path dir) throws IOException {
        Path jar = Files.writeString(dir.resolve("acme.jar"), "<html>404 Not Found</html>\n");
        ExtensionException e = assertThrows(ExtensionException.class, () -> Plugins.load(dir, getClass().getClassLoader()));
        assertEquals(unreadable(jar, "zip END header not found"), e.getMessage());
    }

    @Test
    void reportsAPluginJarWhoseServicesFileIsCorrupt(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("acme.jar");
        writeJar(jar, "com.acme.test.UnprefixedExtension\n".repeat(50));
        byte[] bytes = Files.readAllBytes(jar);
        // the entry's compressed data: after its local header (30 bytes, its name, JarOutputStream's 4-byte extra field)
        int data = 30 + ExtensionDiscovery.SERVICES_FILE.length() + 4;
        for (int i = data; i < data + 8; i++) {
            bytes[i] ^= (byte) 0x55;
        }
        Files.write(jar, bytes);
        ExtensionException e = assertThrows(ExtensionException.class, () -> Plugins.load(dir, getClass().getClassLoader()));
        // the reason is zlib's own words for the data it cannot inflate, which vary with the zlib build
        String[] around = unreadable(jar, "\0").split("\0");
        assertTrue(e.getMessage().startsWith(around[0]) && e.getMessage().endsWith(around[1]), e.getMessage());
    }

    @Test
    void reportsAMissingPluginDirectory(@TempDir Path dir) {
        Path missing = dir.resolve("plugins");
        ExtensionException e = assertThrows(ExtensionException.class, () -> Plugins.load(missing, getClass().getClassLoader()));
        assertEquals("Plugin directory not found: " + missing.toAbsolutePath() + " (from --plugins or NNJ_PLUGINS); "
                + "it should hold extension jars.", e.getMessage());
    }

    /** @return the message for a plugin jar that cannot be read, for {@code reason} */
    private static String unreadable(Path jar, String reason) {
        return "Cannot load plugin jar " + jar.toAbsolutePath() + ": not a readable jar (" + reason + "); it may be "
                + "truncated or corrupt. Replace it with a complete copy or remove it from the plugin directory.";
    }

    /** Writes a jar whose only entry is a services file listing {@code services}. */
    private static void writeJar(Path jar, String services) throws IOException {
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry(ExtensionDiscovery.SERVICES_FILE));
            out.write(services.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static URL servicesFile(Path dir, String entry) throws IOException {
        Path file = dir.resolve(ExtensionDiscovery.SERVICES_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# a broken plugin\n" + entry + "\n");
        return file.toUri().toURL();
    }

    private void discoverWith(Path dir) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            ExtensionDiscovery.discover(loader);
        }
    }
}
