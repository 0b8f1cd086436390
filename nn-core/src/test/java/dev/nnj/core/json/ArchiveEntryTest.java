package dev.nnj.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.DataException;
import dev.nnj.api.testkit.Allocations;
import dev.nnj.core.CoreExtension;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.build.TestOptimizerExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size limits of a {@code .nnj} file's entries, on files whose central directory declares sizes
 * their bytes do not hold: nothing of the declared size is allocated.
 */
class ArchiveEntryTest {
    @TempDir
    Path dir;

    private Path saved() {
        ModelSpec spec = ModelFileReader.read(ModelArchiveTest.MODEL, "m.json");
        Path file = dir.resolve("m.nnj");
        ModelArchive.save(file, spec, NnRuntime.of(new CoreExtension(), new TestOptimizerExtension())
                .assemble(spec).model());
        return file;
    }

    @Test
    void refusesAModelJsonDeclaringTwoGibibytesBeforeAllocating() throws IOException {
        Path file = declare(saved(), ModelArchive.MODEL_ENTRY, Integer.MAX_VALUE);
        DataException e = assertThrows(DataException.class, () -> ModelArchive.read(file));
        assertEquals(file + ": the entry 'model.json' declares 2147483647 bytes, more than nnj reads for it (16777216; "
                + "raise the limit with -Dnnj.maxJsonBytes=BYTES).", e.getMessage());
        Allocations.assertAllocatesAtMost(1 << 20, 1,
                () -> assertThrows(DataException.class, () -> ModelArchive.read(file)));
    }

    @Test
    void refusesWeightsOfExactlyTwoToTheThirtyFirstBytes() throws IOException {
        Path file = declare(saved(), ModelArchive.WEIGHTS_ENTRY, 1L << 31);
        DataException e = assertThrows(DataException.class, () -> ModelArchive.read(file));
        assertEquals(file + ": the entry 'weights.safetensors' declares 2147483648 bytes, more than nnj reads for it "
                + "(2147483639, the longest array Java holds).", e.getMessage());
    }

    @Test
    void refusesADeclaredSizeThatTheCompressedBytesCannotHold() throws IOException {
        Path file = declare(saved(), ModelArchive.WEIGHTS_ENTRY, (1L << 31) - (16 << 20));
        long compressed = compressedSize(file, ModelArchive.WEIGHTS_ENTRY);
        DataException e = assertThrows(DataException.class, () -> ModelArchive.read(file));
        assertEquals(file + ": the entry 'weights.safetensors' declares 2130706432 bytes from " + compressed
                + " compressed bytes in a file of " + Files.size(file) + ", which they cannot hold; the file is corrupt.",
                e.getMessage());
        Allocations.assertAllocatesAtMost(1 << 20, 1,
                () -> assertThrows(DataException.class, () -> ModelArchive.read(file)));
    }

    @Test
    void refusesAnEntryThatHoldsOtherThanItDeclares() throws IOException {
        Path file = saved();
        int length = ModelArchiveTest.entryBytes(file, ModelArchive.MODEL_ENTRY).length;
        Path longer = declare(file, ModelArchive.MODEL_ENTRY, length + 10);
        DataException e = assertThrows(DataException.class, () -> ModelArchive.read(longer));
        assertEquals(longer + ": the entry 'model.json' declares " + (length + 10) + " bytes but holds " + length
                + "; the file is corrupt.", e.getMessage());
        Path shorter = declare(file, ModelArchive.MODEL_ENTRY, length - 1);
        e = assertThrows(DataException.class, () -> ModelArchive.read(shorter));
        assertEquals(shorter + ": the entry 'model.json' declares " + (length - 1) + " bytes but holds more; the file "
                + "is corrupt.", e.getMessage());
    }

    @Test
    void refusesAnEntryThatTheHeapCannotHold() throws IOException {
        Path file = saved();
        int length = ModelArchiveTest.entryBytes(file, ModelArchive.WEIGHTS_ENTRY).length;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            DataException e = assertThrows(DataException.class, () -> ArchiveEntry.read(zip,
                    zip.getEntry(ModelArchive.WEIGHTS_ENTRY), "m.nnj", Files.size(file), ArchiveEntry.MAX_TENSOR_BYTES,
                    "", 1000));
            assertEquals("m.nnj: the entry 'weights.safetensors' holds " + length + " bytes, which take about "
                    + 2 * length + " bytes of memory to load (the bytes and their values); this JVM may use 1000 in "
                    + "all. Raise its maximum heap with -Xmx.", e.getMessage());
        }
    }

    @Test
    void theJsonLimitIsRaisedOrLoweredByASystemProperty() throws IOException {
        Path file = saved();
        int length = ModelArchiveTest.entryBytes(file, ModelArchive.MODEL_ENTRY).length;
        System.setProperty(ModelFileReader.MAX_JSON_BYTES_PROPERTY, "100");
        try {
            DataException e = assertThrows(DataException.class, () -> ModelArchive.read(file));
            assertEquals(file + ": the entry 'model.json' declares " + length + " bytes, more than nnj reads for it "
                    + "(100; raise the limit with -Dnnj.maxJsonBytes=BYTES).", e.getMessage());
            e = assertThrows(DataException.class, this::saved);
            assertEquals("Cannot save " + file + ": its model.json would hold " + length + " bytes, more than nnj "
                    + "reads back (100; raise the limit with -Dnnj.maxJsonBytes=BYTES).", e.getMessage());
            System.setProperty(ModelFileReader.MAX_JSON_BYTES_PROPERTY, "16m");
            e = assertThrows(DataException.class, () -> ModelArchive.read(file));
            assertEquals("-Dnnj.maxJsonBytes=16m: expected a whole number of bytes >= 1.", e.getMessage());
            System.setProperty(ModelFileReader.MAX_JSON_BYTES_PROPERTY, String.valueOf(length));
            ModelArchive.read(file);
        } finally {
            System.clearProperty(ModelFileReader.MAX_JSON_BYTES_PROPERTY);
        }
    }

    /**
     * @return a copy of {@code file} whose central directory declares {@code size} bytes for
     *     {@code entry}; its bytes are unchanged
     */
    private Path declare(Path file, String entry, long size) throws IOException {
        byte[] zip = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 + name.length <= zip.length; i++) {
            if (b.getInt(i) == 0x02014b50 && (b.getShort(i + 28) & 0xffff) == name.length
                    && java.util.Arrays.equals(zip, i + 46, i + 46 + name.length, name, 0, name.length)) {
                b.putInt(i + 24, (int) size); // the uncompressed size, unsigned 32 bits
                Path out = dir.resolve("declared-" + size + ".nnj");
                Files.write(out, zip);
                return out;
            }
        }
        throw new IllegalArgumentException(file + " has no central directory entry " + entry);
    }

    private static long compressedSize(Path file, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(entry).getCompressedSize();
        }
    }
}
