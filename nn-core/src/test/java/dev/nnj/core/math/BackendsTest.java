package dev.nnj.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.ExtensionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendsTest {
    private final ClassLoader loader = getClass().getClassLoader();

    @AfterEach
    void clearProperties() {
        System.clearProperty(Backends.BACKEND_PROPERTY);
        System.clearProperty(Backends.THREADS_PROPERTY);
    }

    @Test
    void choosesTheAvailableBackendOfHighestRank() {
        // nn-core alone has its Java kernels, ranked above the EJML reference.
        assertEquals("java", Backends.choose(null, loader).name());
    }

    @Test
    void takesTheBackendAndThreadsFromSystemProperties() {
        System.setProperty(Backends.BACKEND_PROPERTY, "ejml");
        System.setProperty(Backends.THREADS_PROPERTY, "3");
        assertEquals("ejml", Backends.choose(null, loader).name());
        assertEquals(3, Backends.threadsFromProperty());
    }

    @Test
    void namesTheBackendsFoundForAnUnknownOne() {
        ExtensionException e = assertThrows(ExtensionException.class, () -> Backends.choose("cuda", loader));
        assertEquals("Unknown backend 'cuda'. Backends found: java (rank 150), ejml (rank 100).", e.getMessage());
    }

    @Test
    void rejectsAThreadCountBelowOne() {
        System.setProperty(Backends.THREADS_PROPERTY, "0");
        ExtensionException e = assertThrows(ExtensionException.class, Backends::threadsFromProperty);
        assertEquals("-Dnnj.threads=0: expected a whole number >= 1.", e.getMessage());
    }

    @Test
    void rejectsAThreadCountBeyondAnInt() {
        System.setProperty(Backends.THREADS_PROPERTY, "3000000000");
        ExtensionException e = assertThrows(ExtensionException.class, Backends::threadsFromProperty);
        assertEquals("-Dnnj.threads=3000000000: expected a whole number >= 1.", e.getMessage());
    }
}
