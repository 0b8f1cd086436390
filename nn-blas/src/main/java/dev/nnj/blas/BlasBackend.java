package dev.nnj.blas;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.nnj.core.math.Backend;
import dev.nnj.core.math.EjmlBackend;
import dev.nnj.core.math.Kernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code blas}: matrix products on dev.ludovic.netlib's BLAS. With a native BLAS on the system
 * (Debian: {@code libopenblas0}, reached through {@code libblas.so.3}) it ranks above EJML; without
 * one it uses netlib's Java implementation (the JDK Vector API when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, else plain loops) and ranks below EJML, so it is used
 * only when asked for ({@code --backend blas}).
 */
public final class BlasBackend implements Backend {
    /** Above EJML when native BLAS is there. */
    public static final int NATIVE_RANK = EjmlBackend.RANK + 100;
    /** Below EJML otherwise. */
    public static final int JAVA_RANK = EjmlBackend.RANK - 50;

    /** System property: {@code false} makes the backend skip native BLAS (to measure the Java fallback). */
    public static final String NATIVE_PROPERTY = "nnj.blas.native";

    /**
     * netlib logs a warning for every implementation it cannot load (the Vector API one without
     * --add-modules); nnj says itself which BLAS it uses. Held strongly: java.util.logging keeps
     * loggers weakly, and a collected logger forgets its level.
     */
    private static final Logger NETLIB_LOG = quietNetlib();

    private static Logger quietNetlib() {
        Logger log = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
        log.setLevel(Level.SEVERE);
        return log;
    }

    private static final class Holder {
        static final BLAS NATIVE = loadNative();

        private static BLAS loadNative() {
            if (!Boolean.parseBoolean(System.getProperty(NATIVE_PROPERTY, "true"))) {
                return null;
            }
            try {
                return NativeBLAS.getInstance();
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }
    }

    /**
     * Creates the backend; {@link java.util.ServiceLoader} calls this through
     * {@code META-INF/services/dev.nnj.core.math.Backend}. Native BLAS is looked for on the first call
     * of {@link #rank()} or {@link #create(int)}, not here.
     */
    public BlasBackend() {
    }

    @Override
    public String name() {
        return "blas";
    }

    @Override
    public int rank() {
        return Holder.NATIVE != null ? NATIVE_RANK : JAVA_RANK;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public Kernels create(int threads) {
        if (Holder.NATIVE == null) {
            BLAS blas = JavaBLAS.getInstance();
            return new BlasKernels(blas, threads, describe(blas), null);
        }
        String libraries = mappedBlasLibraries(); // the library the process actually mapped
        String advice = BlasThreads.advice(libraries, System.getenv(), threads);
        return new BlasKernels(Holder.NATIVE, BlasThreads.nnjThreads(advice, threads), "netlib "
                + Holder.NATIVE.getClass().getSimpleName() + " on " + libraries
                + (advice == null ? "" : " (OpenBLAS's own threads)"), advice);
    }

    /** @return the Java BLAS class and whether it uses the Vector API */
    private static String describe(BLAS blas) {
        String name = blas.getClass().getSimpleName();
        return "netlib " + name + (name.equals("VectorBLAS") ? " (JDK Vector API)"
                : " (plain Java; run with --add-modules jdk.incubator.vector for the Vector API)");
    }

    /** @return the BLAS libraries in {@code /proc/self/maps}, e.g. {@code libopenblasp-r0.3.21.so} */
    static String mappedBlasLibraries() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(p -> p.contains("blas") && p.endsWith(".so") || p.matches(".*blas.*\\.so\\.[0-9.]+"))
                    .filter(p -> !p.contains("netlibblasjni"))
                    .distinct().reduce((x, y) -> x + ", " + y).orElse("an unknown library");
        } catch (IOException | RuntimeException e) {
            return "an unknown library (" + e.getMessage() + ")";
        }
    }
}
