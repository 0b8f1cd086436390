package dev.nnj.core.json;

import dev.nnj.api.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads one entry of a {@code .nnj} file into memory, refusing, before anything is allocated, a size
 * beyond the entry's limit, beyond what the zip's real bytes can hold, or beyond the heap:
 * <ul>
 * <li>JSON entries ({@code model.json}, {@code table.json}, {@code training.json}): at most
 *     {@link ModelFileReader#maxJsonBytes()}, as a model file.</li>
 * <li>Safetensors entries ({@code weights.safetensors}, {@code optimizer.safetensors}): at most
 *     {@link #MAX_TENSOR_BYTES}, the longest Java array: the entry is read into one, and nnj writes
 *     it from one.</li>
 * <li>Every entry: its compressed size must fit the file, and its size must be one that its
 *     compressed bytes can give (as many for a stored entry, at most {@link #DEFLATE_MAX_RATIO}
 *     times as many for a deflated one); the bytes and what they are decoded into (about as many
 *     again) must fit {@link Runtime#maxMemory()}; and the entry must hold exactly the bytes it
 *     declares.</li>
 * </ul>
 */
final class ArchiveEntry {
    /** The limit of a safetensors entry: the longest Java array. */
    static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8;
    /** The most bytes deflate produces from one compressed byte. */
    static final long DEFLATE_MAX_RATIO = 1032;

    private ArchiveEntry() {
    }

    /**
     * Reads an entry after checking its sizes.
     *
     * @param zip the open {@code .nnj} file
     * @param entry one of its entries
     * @param file the file's name, for messages
     * @param fileSize the file's real size in bytes
     * @param limit the most bytes this entry may hold
     * @param how what the limit is or how to raise it, appended to the limit in the message, e.g.
     *     {@code , the longest array Java holds}
     * @param heap the most memory this JVM may use ({@link Runtime#maxMemory()})
     * @return the entry's bytes, exactly as many as it declares
     * @throws DataException naming the file, the entry and the size it declares if a check fails
     * @throws IOException if the entry cannot be read
     */
    static byte[] read(ZipFile zip, ZipEntry entry, String file, long fileSize, long limit, String how, long heap)
            throws IOException {
        String where = file + ": the entry '" + entry.getName() + "'";
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        if (size > limit) {
            throw new DataException(where + " declares " + size + " bytes, more than nnj reads for it (" + limit
                    + how + ").");
        }
        long most = entry.getMethod() == ZipEntry.STORED ? compressed : compressed * DEFLATE_MAX_RATIO;
        if (size < 0 || compressed < 0 || compressed > fileSize || size > most) {
            throw new DataException(where + " declares " + size + " bytes from " + compressed + " compressed bytes "
                    + "in a file of " + fileSize + ", which they cannot hold; the file is corrupt.");
        }
        if (2 * size > heap) {
            throw new DataException(where + " holds " + size + " bytes, which take about " + 2 * size + " bytes of "
                    + "memory to load (the bytes and their values); this JVM may use " + heap + " in all. Raise its "
                    + "maximum heap with -Xmx.");
        }
        byte[] bytes = new byte[(int) size];
        try (InputStream in = zip.getInputStream(entry)) {
            int n = in.readNBytes(bytes, 0, bytes.length);
            if (n < size || in.read() >= 0) {
                throw new DataException(where + " declares " + size + " bytes but holds "
                        + (n < size ? n : "more") + "; the file is corrupt.");
            }
        }
        return bytes;
    }
}
