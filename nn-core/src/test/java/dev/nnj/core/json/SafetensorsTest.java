package dev.nnj.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nnj.api.DataException;
import dev.nnj.api.testkit.Allocations;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    private static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }

    @Test
    void roundTripsF64InOrderWithAnAlignedHeader() {
        Map<String, Safetensors.Entry> t = new LinkedHashMap<>();
        t.put("b", new Safetensors.Entry(new long[] {2}, new double[] {1.5, -2}));
        t.put("a", Safetensors.Entry.of(1, 3, new double[] {1, 2, 3}));
        byte[] bytes = Safetensors.write(t, Map.of("format", "pt"));
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8);
        Map<String, Safetensors.Entry> back = Safetensors.read(bytes, "t");
        assertEquals(java.util.List.of("b", "a"), java.util.List.copyOf(back.keySet()));
        assertArrayEquals(new double[] {1, 2, 3}, back.get("a").values(), 0.0);
        assertArrayEquals(new long[] {1, 3}, back.get("a").shape());
    }

    @Test
    void readsF32() {
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-3f);
        byte[] f = file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", data.array());
        assertArrayEquals(new double[] {0.5, -3}, Safetensors.read(f, "t").get("w").values(), 0.0);
    }

    @Test
    void refusesAHeaderLongerThanTheFile() {
        byte[] f = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
        DataException e = assertThrows(DataException.class, () -> Safetensors.read(f, "w.safetensors"));
        assertEquals("w.safetensors: header length 1099511627776 does not fit the file of 16 bytes.", e.getMessage());
    }

    @Test
    void refusesSizesThatDoNotMatchTheShapeBeforeAllocating() {
        byte[] f = file("{\"w\":{\"dtype\":\"F64\",\"shape\":[100000,100000],\"data_offsets\":[0,8]}}", new byte[8]);
        DataException e = assertThrows(DataException.class, () -> Safetensors.read(f, "w.safetensors"));
        assertEquals("w.safetensors: tensor 'w' has shape [100000,100000], too large for nnj.", e.getMessage());
        byte[] g = file("{\"w\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,16]}}", new byte[16]);
        e = assertThrows(DataException.class, () -> Safetensors.read(g, "w.safetensors"));
        assertEquals("w.safetensors: tensor 'w': shape [3] of F64 needs 24 bytes, but data_offsets [0,16] give 16.",
                e.getMessage());
    }

    @Test
    void refusesAnUnknownDtype() {
        byte[] f = file("{\"w\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[0,2]}}", new byte[2]);
        DataException e = assertThrows(DataException.class, () -> Safetensors.read(f, "w.safetensors"));
        assertEquals("w.safetensors: tensor 'w' has dtype 'BF16'; nnj reads F64, F32 and I64.", e.getMessage());
    }

    @Test
    void refusesOffsetsOutsideTheData() {
        byte[] f = file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", new byte[8]);
        DataException e = assertThrows(DataException.class, () -> Safetensors.read(f, "w.safetensors"));
        assertEquals("w.safetensors: tensor 'w' has data_offsets [8,16] outside the 8 bytes of data.", e.getMessage());
    }

    private static byte[] f64(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    private static String read(byte[] file) {
        return assertThrows(DataException.class, () -> Safetensors.read(file, "w.safetensors")).getMessage();
    }

    /** PyTorch's safetensors refuses a header that names a tensor twice; Jackson alone would keep the last. */
    @Test
    void refusesATensorNamedTwice() {
        byte[] f = file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
        assertEquals("w.safetensors: header line 1, column 58: tensor 'w' appears twice; a safetensors file names "
                + "each tensor once (PyTorch's safetensors refuses this file too): write it again with one 'w'.", read(f));
        byte[] g = file("{\"w\":{\"dtype\":\"F64\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,8]}}",
                new byte[8]);
        assertEquals("w.safetensors: header line 1, column 28: the key 'dtype' appears twice in w; keep one.", read(g));
    }

    @Test
    void refusesOffsetsAndDimensionsThatAreNotWholeNumbers() {
        byte[] f = file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0.0,8.5]}}", new byte[16]);
        assertEquals("w.safetensors: tensor 'w' has data_offsets [0.0,8.5]; expected two whole numbers of bytes "
                + "[begin, end], as safetensors writers write them.", read(f));
        byte[] g = file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8.0]}}", new byte[8]);
        assertEquals("w.safetensors: tensor 'w' has data_offsets [0,8.0]; expected two whole numbers of bytes "
                + "[begin, end], as safetensors writers write them.", read(g));
        byte[] h = file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1.0],\"data_offsets\":[0,8]}}", new byte[8]);
        assertEquals("w.safetensors: tensor 'w' has a dimension that is not a whole number >= 0: 1.0.", read(h));
    }

    @Test
    void refusesNegativeOffsetsAndOffsetsBeyondTheFile() {
        byte[] f = file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[-8,0]}}", new byte[8]);
        assertEquals("w.safetensors: tensor 'w' has data_offsets [-8,0]; an offset counts bytes from the start of the "
                + "data and cannot be negative.", read(f));
        byte[] g = file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999]}}",
                new byte[8]);
        assertEquals("w.safetensors: tensor 'w' has data_offsets [0,99999999999999999999] outside the 8 bytes of data.",
                read(g));
    }

    @Test
    void reportsAHeaderThatIsNotJsonInPlainWords() {
        byte[] f = file("{\"w\":{\"dtype\":\"F64\",\"shape\":[NaN],\"data_offsets\":[0,8]}}", new byte[8]);
        assertEquals("w.safetensors: header line 1, column 30: NaN is not a JSON number; write a number or null.",
                read(f));
    }

    @Test
    void refusesNaNAndInfinitiesNamingTheTensorAndTheFirstIndex() {
        byte[] f = file("{\"w\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]}}",
                f64(1, 2, 3, 4, Double.NaN, Double.POSITIVE_INFINITY));
        assertEquals("w.safetensors: tensor 'w' holds NaN at index 4 ([1, 1] of [2, 3]); nnj loads only finite "
                + "numbers, and a model that diverged saves such values: train it again (e.g. from an earlier "
                + "checkpoint), or pass --allow-non-finite (in Java, LoadOptions.allowNonFinite()) to load the file as "
                + "it is and inspect it.", read(f));
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f)
                .putFloat(Float.NEGATIVE_INFINITY);
        byte[] g = file("{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", data.array());
        assertEquals("w.safetensors: tensor 'b' holds -Infinity at index 1; nnj loads only finite numbers, and a "
                + "model that diverged saves such values: train it again (e.g. from an earlier checkpoint), or pass "
                + "--allow-non-finite (in Java, LoadOptions.allowNonFinite()) to load the file as it is and inspect it.",
                read(g));
    }

    @Test
    void loadsNaNAndInfinitiesAsTheyAreWhenAllowed() {
        byte[] f = file("{\"w\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,24]}}",
                f64(Double.NaN, Double.NEGATIVE_INFINITY, 1));
        assertArrayEquals(new double[] {Double.NaN, Double.NEGATIVE_INFINITY, 1},
                Safetensors.read(f, "w.safetensors", LoadOptions.allowNonFinite()).get("w").values(), 0.0);
    }

    @Test
    void readsAFileOnDiskInPiecesAsItWasWritten(@TempDir Path dir) throws IOException {
        double[] big = new double[20_000]; // more than one piece of 64 KiB
        for (int i = 0; i < big.length; i++) {
            big[i] = Math.sin(i);
        }
        Map<String, Safetensors.Entry> t = new LinkedHashMap<>();
        t.put("w", Safetensors.Entry.of(100, 200, big));
        t.put("n", new Safetensors.Entry(new long[] {3}, new double[] {1, 2, 3}, "I64"));
        Path file = Files.write(dir.resolve("w.safetensors"), Safetensors.write(t, Map.of()));
        Map<String, Safetensors.Entry> back = Weights.read(file);
        assertArrayEquals(big, back.get("w").values(), 0.0);
        assertArrayEquals(new double[] {1, 2, 3}, back.get("n").values(), 0.0);
    }

    @Test
    void readsOnlyTheHeaderLengthOfALargeFileThatIsNotSafetensors(@TempDir Path dir) throws IOException {
        Path file = sparse(dir, new byte[0], 3_000_000_000L);
        DataException e = assertThrows(DataException.class, () -> Weights.read(file));
        assertEquals(file + ": header length 0 does not fit the file of 3000000000 bytes.", e.getMessage());
        Allocations.assertAllocatesAtMost(1 << 20, 1, () -> assertThrows(DataException.class, () -> Weights.read(file)));
    }

    @Test
    void refusesAHeaderLongerThanTheReferenceImplementationReads(@TempDir Path dir) throws IOException {
        byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(200_000_000L).array();
        Path file = sparse(dir, length, 300_000_000L);
        DataException e = assertThrows(DataException.class, () -> Weights.read(file));
        assertEquals(file + ": header length 200000000 is more than nnj reads (100000000 bytes, the limit of the "
                + "safetensors reference implementation).", e.getMessage());
        Allocations.assertAllocatesAtMost(1 << 20, 1, () -> assertThrows(DataException.class, () -> Weights.read(file)));
    }

    @Test
    void refusesTensorsWhoseValuesDoNotFitTheHeapBeforeReadingThem(@TempDir Path dir) throws IOException {
        long heap = Runtime.getRuntime().maxMemory();
        assumeTrue(heap < 8_000_000_000L, "a heap of " + heap + " bytes would hold them");
        byte[] header = file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000000],\"data_offsets\":[0,4000000000]}}",
                new byte[0]);
        Path file = sparse(dir, header, header.length + 4_000_000_000L);
        DataException e = assertThrows(DataException.class, () -> Weights.read(file));
        assertEquals(file + ": its tensors hold 1000000000 values, which take 8000000000 bytes as doubles; this JVM "
                + "may use " + heap + " in all. Raise its maximum heap with -Xmx.", e.getMessage());
    }

    /** A file on disk is read through its channel, in pieces, with the same refusals as one in memory. */
    @Test
    void aFileOnDiskIsRefusedForNaNAndDuplicateNamesUnlessNonFiniteValuesAreAllowed(@TempDir Path dir)
            throws IOException {
        double[] values = new double[10_000]; // more than one piece of 64 KiB
        values[9_000] = Double.NaN;
        Path file = Files.write(dir.resolve("w.safetensors"), Safetensors.write(Map.of("w",
                Safetensors.Entry.of(100, 100, values)), Map.of()));
        DataException e = assertThrows(DataException.class, () -> Weights.read(file));
        assertEquals(file + ": tensor 'w' holds NaN at index 9000 ([90, 0] of [100, 100]); nnj loads only finite "
                + "numbers, and a model that diverged saves such values: train it again (e.g. from an earlier "
                + "checkpoint), or pass --allow-non-finite (in Java, LoadOptions.allowNonFinite()) to load the file as "
                + "it is and inspect it.", e.getMessage());
        assertEquals(e.getMessage(), assertThrows(DataException.class,
                () -> Weights.read(file, LoadOptions.defaults())).getMessage());
        assertArrayEquals(values, Weights.read(file, LoadOptions.allowNonFinite()).get("w").values(), 0.0);
        Path twice = Files.write(dir.resolve("twice.safetensors"), file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],"
                + "\"data_offsets\":[0,8]},\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}",
                new byte[8]));
        assertEquals(twice + ": header line 1, column 58: tensor 'w' appears twice; a safetensors file names each "
                + "tensor once (PyTorch's safetensors refuses this file too): write it again with one 'w'.",
                assertThrows(DataException.class, () -> Weights.read(twice)).getMessage());
    }

    /** @return a file of {@code size} bytes that starts with {@code head}; the rest is a hole, not written */
    private static Path sparse(Path dir, byte[] head, long size) throws IOException {
        Path file = dir.resolve("w.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(head);
            f.setLength(size);
        }
        return file;
    }
}
