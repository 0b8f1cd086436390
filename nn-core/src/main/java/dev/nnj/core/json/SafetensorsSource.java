package dev.nnj.core.json;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes of a safetensors file, read at positions: an array (a {@code .nnj} entry) or a file on
 * disk, of which only the parts asked for are read.
 */
sealed interface SafetensorsSource {
    /**
     * @return the length of the file in bytes
     * @throws IOException if it cannot be told
     */
    long size() throws IOException;

    /**
     * Fills {@code into} from its position to its limit with the bytes from {@code position} on.
     *
     * @param position where to start, within [0, {@link #size()}]
     * @param into the buffer to fill; its position ends at its limit
     * @throws IOException if the bytes cannot be read, or the file ends first
     */
    void read(long position, ByteBuffer into) throws IOException;

    /** A file held in an array. */
    record Bytes(byte[] file) implements SafetensorsSource {
        @Override
        public long size() {
            return file.length;
        }

        @Override
        public void read(long position, ByteBuffer into) throws IOException {
            if (position + into.remaining() > file.length) {
                throw new EOFException("the file ends at " + file.length + " bytes");
            }
            into.put(file, (int) position, into.remaining());
        }
    }

    /** A file on disk, read with positional reads. */
    record Channel(FileChannel file) implements SafetensorsSource {
        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public void read(long position, ByteBuffer into) throws IOException {
            for (long at = position; into.hasRemaining(); ) {
                int n = file.read(into, at);
                if (n < 0) {
                    throw new EOFException("the file ends at " + at + " bytes, shorter than it was");
                }
                at += n;
            }
        }
    }
}
