package dev.nnj.examples.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The OpenBLAS that nn-blas would load, found without loading it: netlib's JNI stub opens
 * {@code libblas.so.3} (or the library that {@code dev.ludovic.netlib.blas.nativeLib} or
 * {@code nativeLibPath} names), which Debian's alternatives link to
 * {@code /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3} beside
 * {@code libopenblasp-r0.3.21.so}. The library is OpenBLAS when its real path names it, as
 * {@code BlasBackend.mappedBlasLibraries} names what was mapped.
 *
 * @param file the library's real path, e.g. {@code /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3}
 * @param version its version from the file names, e.g. {@code 0.3.21}, or null when they do not say
 */
record OpenBlasLibrary(Path file, String version) {
    /**
     * @param properties this JVM's system properties ({@code System::getProperty})
     * @param env the environment (for {@code LD_LIBRARY_PATH})
     * @return the OpenBLAS that native BLAS would load, or empty when it would load another library,
     *     none, or native BLAS is switched off ({@code -Dnnj.blas.native=false})
     */
    static Optional<OpenBlasLibrary> find(UnaryOperator<String> properties, Map<String, String> env) {
        if ("false".equalsIgnoreCase(properties.apply("nnj.blas.native"))
                || !String.valueOf(properties.apply("os.name")).startsWith("Linux")) {
            return Optional.empty();
        }
        String path = properties.apply("dev.ludovic.netlib.blas.nativeLibPath");
        if (path != null) {
            return of(Path.of(path));
        }
        String name = properties.apply("dev.ludovic.netlib.blas.nativeLib");
        return find(name == null ? "libblas.so.3" : name, directories(env.get("LD_LIBRARY_PATH"),
                properties.apply("os.arch")));
    }

    /**
     * @param name a library name as {@code dlopen} takes it, e.g. {@code libblas.so.3}
     * @param directories where to look, first first
     * @return the first library of that name, if it is OpenBLAS
     */
    static Optional<OpenBlasLibrary> find(String name, List<Path> directories) {
        if (name.contains("/")) {
            return of(Path.of(name));
        }
        for (Path directory : directories) {
            Path candidate = directory.resolve(name);
            if (Files.exists(candidate)) {
                return of(candidate);
            }
        }
        return Optional.empty();
    }

    /** @return the directories the dynamic linker searches, as far as they can be known cheaply */
    private static List<Path> directories(String ldLibraryPath, String arch) {
        List<Path> directories = new ArrayList<>();
        if (ldLibraryPath != null) {
            for (String entry : ldLibraryPath.split(":")) {
                if (!entry.isEmpty()) {
                    directories.add(Path.of(entry));
                }
            }
        }
        String triplet = ("amd64".equals(arch) ? "x86_64" : arch) + "-linux-gnu";
        for (String d : List.of("/usr/lib/" + triplet, "/lib/" + triplet, "/usr/lib64", "/lib64", "/usr/lib", "/lib",
                "/usr/local/lib")) {
            directories.add(Path.of(d));
        }
        return directories;
    }

    /** @return the library at {@code file} (symbolic links resolved) if it is OpenBLAS */
    private static Optional<OpenBlasLibrary> of(Path file) {
        try {
            Path real = file.toRealPath();
            if (!real.toString().toLowerCase(Locale.ROOT).contains("openblas")) {
                return Optional.empty();
            }
            return Optional.of(new OpenBlasLibrary(real, version(real)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return the version in the file's name, or in the name of a libopenblas beside it */
    private static String version(Path real) throws IOException {
        String own = real.getFileName().toString();
        if (own.contains("openblas") && version(own) != null) {
            return version(own);
        }
        Path directory = real.getParent();
        if (directory == null) {
            return null;
        }
        try (DirectoryStream<Path> beside = Files.newDirectoryStream(directory)) {
            for (Path p : beside) {
                String name = p.getFileName().toString();
                if (name.startsWith("libopenblas") && version(name) != null) {
                    return version(name);
                }
            }
        }
        return null;
    }

    /**
     * By hand, not with a regular expression: this runs before every command, and compiling one
     * costs milliseconds of start-up.
     *
     * @return the first {@code N.N.N} in {@code name}, e.g. {@code 0.3.21} in {@code libopenblasp-r0.3.21.so}
     */
    static String version(String name) {
        for (int start = 0; start < name.length(); start++) {
            int end = start;
            int parts = 0;
            while (parts < 3) {
                int digits = end;
                while (end < name.length() && Character.isDigit(name.charAt(end))) {
                    end++;
                }
                if (end == digits || (++parts < 3 && (end >= name.length() || name.charAt(end++) != '.'))) {
                    break;
                }
            }
            if (parts == 3 && (start == 0 || !Character.isDigit(name.charAt(start - 1)))) {
                return name.substring(start, end);
            }
        }
        return null;
    }
}
