package dev.nnj.core.data;

import dev.nnj.api.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The body an IDX header promises, {@code count} items of {@code itemBytes} bytes, read only once the
 * promise is plausible, so that a header of a few bytes cannot make nnj allocate gigabytes:
 * <ul>
 * <li>against the file's real size: a plain file must hold the header and the whole body; a
 *     gzipped one cannot hold more than 1032 times its size (deflate's largest expansion), and
 *     since its own size field (ISIZE) is only the length modulo 2^32 and a file may hold several
 *     gzip members, it is not trusted;</li>
 * <li>against the heap: the bytes and what they become must fit in {@link Runtime#maxMemory()};</li>
 * <li>while reading: unless the file's size vouches for the body (a plain file), the buffer grows
 *     with the bytes that actually arrive (from 1 MiB, doubling), so a gzipped file that ends early
 *     costs what it holds, not what its header promises.</li>
 * </ul>
 * Pipes and devices, whose size is unknown, get only the last two.
 *
 * @param file the IDX file, for messages and its size
 * @param headerBytes the length of the header before the body
 * @param what what the header promises, e.g. {@code 60000 images of 28x28}
 * @param item the name of one item, e.g. {@code image}
 * @param count the number of items
 * @param itemBytes the bytes of one item
 */
record IdxBody(Path file, int headerBytes, String what, String item, int count, int itemBytes) {
    /** The largest body read: the longest Java array. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    /** The most bytes deflate produces from one compressed byte. */
    static final long DEFLATE_MAX_RATIO = 1032;
    private static final int FIRST_CHUNK = 1 << 20;

    /** @return the body's length in bytes */
    long bytes() {
        return (long) count * itemBytes;
    }

    /**
     * Checks the promise, then reads the body.
     *
     * @param in the file's content, positioned after the header
     * @param memoryPerByte the bytes of memory that one byte of the body becomes (8 for a pixel read
     *     as a double), on top of the byte itself
     * @return exactly {@link #bytes()} bytes
     * @throws DataException naming the file and its header if the file cannot hold the body, the heap
     *     cannot hold what it becomes, or the file ends early
     * @throws IOException if reading fails
     */
    byte[] read(InputStream in, int memoryPerByte) throws IOException {
        boolean regular = Files.isRegularFile(file);
        boolean gzip = regular && DataFiles.isGzip(file);
        if (regular) {
            checkFileSize(Files.size(file), gzip);
        }
        long memory = bytes() * (1 + memoryPerByte);
        long available = Runtime.getRuntime().maxMemory();
        if (memory > available) {
            throw new DataException(file + ": the header promises " + what + ", which take " + memory + " bytes of "
                    + "memory to read (" + (1 + memoryPerByte) + " per byte of the file); this JVM may use " + available
                    + " in all. Raise its maximum heap with -Xmx, or read a smaller file.");
        }
        byte[] body = new byte[(int) (regular && !gzip ? bytes() : Math.min(bytes(), FIRST_CHUNK))];
        int n = 0;
        while (true) {
            n += in.readNBytes(body, n, body.length - n);
            if (n < body.length || n == bytes()) {
                break;
            }
            body = Arrays.copyOf(body, (int) Math.min(bytes(), 2L * body.length));
        }
        if (n < bytes()) {
            throw truncated(n, gzip ? " once gunzipped" : "");
        }
        return body;
    }

    private void checkFileSize(long size, boolean gzip) {
        if (!gzip) {
            if (size - headerBytes < bytes()) {
                throw truncated(size - headerBytes, "");
            }
        } else if (bytes() > size * DEFLATE_MAX_RATIO) {
            throw new DataException(file + ": the header promises " + promise() + ", more than a gzipped file of "
                    + size + " bytes can hold (" + DEFLATE_MAX_RATIO + " times its size at most); the file is "
                    + "truncated or its header is wrong.");
        }
    }

    private String promise() {
        return what + " (" + bytes() + " bytes after the " + headerBytes + "-byte header)";
    }

    private DataException truncated(long have, String how) {
        return new DataException(file + ": truncated: the header promises " + promise() + " but the file holds "
                + have + how + "; it ends inside " + item + " " + have / itemBytes + " of " + count + ".");
    }
}
