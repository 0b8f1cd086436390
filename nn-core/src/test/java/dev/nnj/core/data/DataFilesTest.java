package dev.nnj.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Data files are read in one pass, so a pipe ({@code /dev/stdin}, a named pipe) is read like a file. */
class DataFilesTest {
    @TempDir
    Path dir;

    /**
     * A named pipe written by another thread, as {@code printf ... | nnj train --data csv:/dev/stdin}
     * gives the reader; JDK 17's {@code Files.newInputStream} fails on it with "Illegal seek".
     *
     * @param content what the writer sends down the pipe
     * @return the pipe; the writer blocks until it is opened for reading
     */
    static Path pipe(Path dir, String content) throws IOException, InterruptedException {
        Path fifo = dir.resolve("fifo.csv");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException e) {
            mkfifo = null;
        }
        assumeTrue(mkfifo != null && mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0,
                "mkfifo is not available here");
        CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return fifo;
    }

    @Test
    @Timeout(30)
    void aTableIsReadFromANamedPipe() throws IOException, InterruptedException {
        CsvTable t = CsvTable.read(pipe(dir, "a,b,y\n1,2,0\n3,4,1\n"));
        assertEquals(List.of("a", "b", "y"), t.header());
        assertEquals(2, t.size());
        assertEquals("4", t.cell(1, 1));
    }

    @Test
    @Timeout(30)
    void examplesAreReadFromANamedPipe() throws IOException, InterruptedException {
        DataSet d = CsvReader.read(pipe(dir, "1,2,0\n3,4,1\n"), true);
        assertArrayEquals(new double[] {1, 2, 3, 4}, d.features().data(), 0.0);
        assertEquals(1, d.label(1));
    }
}
