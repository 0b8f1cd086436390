package dev.nnj.core.data;

import dev.nnj.api.DataException;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens data files, gzipped or not, with messages that name the file. */
final class DataFiles {
    private DataFiles() {
    }

    /**
     * Opens a file to read it once, from start to end: a regular file, or a pipe ({@code /dev/stdin},
     * a named pipe, {@code <(...)}).
     *
     * @return a buffered stream over the file's content, gunzipped when it starts with gzip's magic
     * @throws DataException if the file is missing or unreadable
     */
    static InputStream open(Path file) {
        try {
            // Files.newInputStream's available() asks a pipe for its position, which fails with "Illegal
            // seek" (JDK-8233451, fixed in JDK 24), and BufferedInputStream calls available() on every read.
            InputStream in = Files.isRegularFile(file) || !Files.exists(file) ? Files.newInputStream(file)
                    : new FileInputStream(file.toFile());
            return decompressIfGzip(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new DataException("Data file not found: " + file.toAbsolutePath() + ".", e);
        } catch (IOException e) {
            throw new DataException("Cannot read data file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param file a regular file (a pipe would lose the bytes read)
     * @return whether the file starts with gzip's magic bytes
     * @throws IOException if it cannot be read
     */
    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return isGzipMagic(in.read(), in.read());
        }
    }

    private static boolean isGzipMagic(int b1, int b2) {
        return b1 == 0x1f && b2 == 0x8b;
    }

    /** Wraps {@code in} for reading, gunzipping it when it starts with gzip's magic bytes. */
    static InputStream decompressIfGzip(InputStream in, String name) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        if (isGzipMagic(b1, b2)) {
            return new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
        }
        return buffered;
    }
}
