package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenBLAS is recognised from the file system alone, in Debian's layout: {@code libblas.so.3} a link
 * (through {@code /etc/alternatives}) to {@code openblas-pthread/libblas.so.3}, with
 * {@code libopenblasp-r0.3.21.so} beside it.
 */
class OpenBlasLibraryTest {
    @TempDir
    Path dir;

    private Path debianLayout(String variant, String alternative) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("usr/lib/x86_64-linux-gnu"));
        Path real = Files.createDirectories(lib.resolve(variant));
        Files.createFile(real.resolve("libblas.so.3"));
        Files.createFile(real.resolve("libopenblasp-r0.3.21.so"));
        Files.createSymbolicLink(real.resolve("libopenblas.so.0"), Path.of("libopenblasp-r0.3.21.so"));
        Path alternatives = Files.createDirectories(dir.resolve("etc/alternatives"));
        Path link = Files.createSymbolicLink(alternatives.resolve("libblas.so.3-x86_64-linux-gnu"),
                lib.resolve(alternative).resolve("libblas.so.3"));
        Files.createSymbolicLink(lib.resolve("libblas.so.3"), link);
        return lib;
    }

    @Test
    void debiansAlternativesLinkIsFollowedToOpenBlasAndItsVersion() throws IOException {
        Path lib = debianLayout("openblas-pthread", "openblas-pthread");
        Optional<OpenBlasLibrary> found = OpenBlasLibrary.find("libblas.so.3", List.of(dir.resolve("nowhere"), lib));
        assertTrue(found.isPresent());
        assertEquals("0.3.21", found.get().version());
        assertTrue(found.get().file().toString().endsWith("openblas-pthread/libblas.so.3"), found.get().file().toString());
    }

    @Test
    void theReferenceBlasIsNotOpenBlas() throws IOException {
        Path lib = debianLayout("openblas-pthread", "blas");
        Files.createDirectories(lib.resolve("blas"));
        Files.createFile(lib.resolve("blas/libblas.so.3"));
        assertEquals(Optional.empty(), OpenBlasLibrary.find("libblas.so.3", List.of(lib)));
    }

    @Test
    void noLibraryIsNoOpenBlas() {
        assertEquals(Optional.empty(), OpenBlasLibrary.find("libblas.so.3", List.of(dir)));
    }

    @Test
    void aLibraryNamedByPathIsTakenAsItIsAndItsOwnNameGivesTheVersion() throws IOException {
        Path file = Files.createFile(dir.resolve("libopenblas.so.0.3.28"));
        assertEquals("0.3.28", OpenBlasLibrary.find(file.toString(), List.of()).orElseThrow().version());
        Path unversioned = Files.createDirectories(dir.resolve("openblas"));
        Files.createFile(unversioned.resolve("libblas.so.3"));
        assertNull(OpenBlasLibrary.find("libblas.so.3", List.of(unversioned)).orElseThrow().version());
    }

    @Test
    void nativeBlasSwitchedOffNeedsNoOpenBlasSettings() {
        Map<String, String> properties = Map.of("os.name", "Linux", "nnj.blas.native", "false");
        assertEquals(Optional.empty(), OpenBlasLibrary.find(properties::get, Map.of()));
    }

    @Test
    void netlibsLibraryPathPropertyIsWhatItLoads() throws IOException {
        Path file = Files.createFile(dir.resolve("libopenblasp-r0.3.26.so"));
        Map<String, String> properties = Map.of("os.name", "Linux", "dev.ludovic.netlib.blas.nativeLibPath",
                file.toString());
        assertEquals("0.3.26", OpenBlasLibrary.find(properties::get, Map.of()).orElseThrow().version());
    }

    @Test
    void ldLibraryPathIsSearchedFirst() throws IOException {
        Path first = Files.createDirectories(dir.resolve("openblas-openmp"));
        Files.createFile(first.resolve("libblas.so.3"));
        Files.createFile(first.resolve("libopenblasp-r0.3.20.so"));
        Map<String, String> properties = Map.of("os.name", "Linux", "os.arch", "amd64");
        OpenBlasLibrary found = OpenBlasLibrary.find(properties::get, Map.of("LD_LIBRARY_PATH", "::" + first))
                .orElseThrow();
        assertEquals("0.3.20", found.version());
    }

    @Test
    void theVersionIsTheFirstThreePartNumberInAName() {
        assertEquals("0.3.21", OpenBlasLibrary.version("libopenblasp-r0.3.21.so"));
        assertEquals("0.3.28", OpenBlasLibrary.version("libopenblas.so.0.3.28"));
        assertEquals("10.20.30", OpenBlasLibrary.version("libopenblas-r10.20.30.so"));
        assertNull(OpenBlasLibrary.version("libopenblas.so.0"));
        assertNull(OpenBlasLibrary.version("libopenblas64_.so.3"));
        assertNull(OpenBlasLibrary.version("libopenblas.so.0.3."));
    }
}
