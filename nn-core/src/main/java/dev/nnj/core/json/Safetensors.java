package dev.nnj.core.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnj.api.DataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes of JSON
 * ({@code {"name": {"dtype": "F64", "shape": [...], "data_offsets": [begin, end]}, ...}} and an
 * optional {@code "__metadata__"} of strings), then the raw little-endian data. nnj writes F64, F32
 * (a float32 model's tensors) and I64 (integer buffers), and reads the three. Every size is checked against the file
 * before anything is allocated: a file is data, not a promise.
 */
public final class Safetensors {
    /** Largest header accepted, as the reference implementation (100 MB). */
    static final long MAX_HEADER = 100_000_000L;
    /** The bytes of values read at a time: a multiple of every width. */
    private static final int CHUNK = 1 << 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {
    }

    /**
     * A named tensor of any rank, as stored.
     *
     * @param shape dimensions, outermost first; none for a scalar
     * @param values row-major values (whole numbers for {@code I64})
     * @param dtype how the file stores the values: {@code F64}, {@code F32} or {@code I64}
     */
    public record Entry(long[] shape, double[] values, String dtype) {
        /**
         * A floating-point entry, written as F64.
         *
         * @param shape dimensions, outermost first
         * @param values row-major values; shared, not copied
         */
        public Entry(long[] shape, double[] values) {
            this(shape, values, "F64");
        }

        /**
         * A matrix entry.
         *
         * @param rows the outer dimension
         * @param cols the inner dimension
         * @param values [rows, cols] row-major values; shared, not copied
         * @return a 2-D entry of shape {@code [rows, cols]}
         */
        public static Entry of(int rows, int cols, double[] values) {
            return new Entry(new long[] {rows, cols}, values);
        }
    }

    /**
     * Encodes tensors as a safetensors file.
     *
     * @param tensors the tensors by name, written in the map's order; not modified
     * @param metadata strings for the {@code __metadata__} entry (e.g. {@code format: pt}); none if
     *     empty
     * @return the file's bytes: tensors in the map's order, I64 and F32 entries as such and every
     *     other as F64 (an F32 entry's values rounded to float), header padded to 8 bytes
     */
    public static byte[] write(Map<String, Entry> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Entry> e : tensors.entrySet()) {
            String dtype = stored(e.getValue());
            long bytes = ("F32".equals(dtype) ? 4L : 8L) * e.getValue().values().length;
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", dtype);
            var shape = t.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Entry e : tensors.values()) {
            String dtype = stored(e);
            for (double v : e.values()) {
                switch (dtype) {
                    case "I64" -> out.putLong((long) v);
                    case "F32" -> out.putFloat((float) v);
                    default -> out.putDouble(v);
                }
            }
        }
        return out.array();
    }

    /** How an entry is written: I64 and F32 as such, anything else as F64. */
    private static String stored(Entry e) {
        return "I64".equals(e.dtype()) || "F32".equals(e.dtype()) ? e.dtype() : "F64";
    }

    /**
     * Decodes a safetensors file held in memory, refusing values that are not finite.
     *
     * @param file the file's bytes; not modified
     * @param name the file's name, for messages
     * @return the tensors in header order
     * @throws DataException naming the file and the problem, for any malformed input: a tensor named
     *     twice, offsets that are not whole numbers inside the data, a NaN or an infinity
     */
    public static Map<String, Entry> read(byte[] file, String name) {
        return read(file, name, LoadOptions.defaults());
    }

    /**
     * Decodes a safetensors file held in memory.
     *
     * @param file the file's bytes; not modified
     * @param name the file's name, for messages
     * @param options how to read it: whether NaN and infinities are refused (the default) or kept
     * @return the tensors in header order
     * @throws DataException naming the file and the problem, for any malformed input: a tensor named
     *     twice, offsets that are not whole numbers inside the data, a NaN or an infinity (unless
     *     {@code options} allow them), naming the tensor and the first such value's index
     */
    public static Map<String, Entry> read(byte[] file, String name, LoadOptions options) {
        requireNonNull(options, "options is null");
        try {
            return read(new SafetensorsSource.Bytes(file), name, options);
        } catch (IOException e) {
            throw new IllegalStateException("reading an array failed", e);
        }
    }

    /**
     * Decodes a safetensors file on disk, refusing values that are not finite: see
     * {@link #read(FileChannel, String, LoadOptions)}.
     *
     * @param file the open file, read from position 0 to its size
     * @param name the file's name, for messages
     * @return the tensors in header order
     * @throws DataException naming the file and the problem, for any malformed input
     * @throws IOException if the file cannot be read
     */
    static Map<String, Entry> read(FileChannel file, String name) throws IOException {
        return read(file, name, LoadOptions.defaults());
    }

    /**
     * Decodes a safetensors file on disk, reading its header, then only the bytes of its tensors, in
     * pieces: a file of any size costs its header and its values, and sizes are checked against the
     * file's real size before either is allocated.
     *
     * @param file the open file, read from position 0 to its size
     * @param name the file's name, for messages
     * @param options how to read it: whether NaN and infinities are refused (the default) or kept
     * @return the tensors in header order
     * @throws DataException naming the file and the problem, for any malformed input: a tensor named
     *     twice, offsets that are not whole numbers inside the data, a NaN or an infinity (unless
     *     {@code options} allow them)
     * @throws IOException if the file cannot be read
     */
    static Map<String, Entry> read(FileChannel file, String name, LoadOptions options) throws IOException {
        requireNonNull(options, "options is null");
        return read(new SafetensorsSource.Channel(file), name, options);
    }

    private static Map<String, Entry> read(SafetensorsSource file, String name, LoadOptions options)
            throws IOException {
        long size = file.size();
        if (size < 8) {
            throw new DataException(name + ": not a safetensors file: " + size + " bytes, shorter than the "
                    + "8-byte header length.");
        }
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        file.read(0, length);
        long headerLength = length.getLong(0);
        if (headerLength < 2 || headerLength > size - 8L) {
            throw new DataException(name + ": header length " + headerLength + " does not fit the file of "
                    + size + " bytes.");
        }
        if (headerLength > MAX_HEADER) {
            throw new DataException(name + ": header length " + headerLength + " is more than nnj reads ("
                    + MAX_HEADER + " bytes, the limit of the safetensors reference implementation).");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        file.read(8, headerBytes);
        JsonNode header = JsonReading.read(JsonReading.STRICT, new String(headerBytes.array(), StandardCharsets.UTF_8),
                JsonNode.class, (where, what, e) -> headerError(name, where, what, e));
        if (header == null || !header.isObject()) {
            throw new DataException(name + ": the header is not a JSON object.");
        }
        long dataStart = 8 + headerLength;
        long dataLength = size - dataStart;
        Map<String, Layout> layouts = new LinkedHashMap<>();
        long values = 0;
        for (Map.Entry<String, JsonNode> field : header.properties()) {
            if (field.getKey().equals("__metadata__")) {
                continue;
            }
            Layout layout = layout(field.getKey(), field.getValue(), dataLength, name, layouts.values());
            layouts.put(field.getKey(), layout);
            values += layout.count;
        }
        long memory = 8 * values;
        long heap = Runtime.getRuntime().maxMemory();
        if (memory > heap) {
            throw new DataException(name + ": its tensors hold " + values + " values, which take " + memory
                    + " bytes as doubles; this JVM may use " + heap + " in all. Raise its maximum heap with -Xmx.");
        }
        Map<String, Entry> tensors = new LinkedHashMap<>();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, Layout> e : layouts.entrySet()) {
            Layout t = e.getValue();
            String where = name + ": tensor '" + e.getKey() + "'";
            double[] read = values(file, dataStart, t, chunk, where);
            if (!options.allowsNonFinite()) {
                refuseNonFinite(read, t.shape, where);
            }
            tensors.put(e.getKey(), new Entry(t.shape, read, t.dtype));
        }
        return tensors;
    }

    private static DataException headerError(String name, String where, String what, JsonProcessingException e) {
        String tensor = JsonErrors.topLevelDuplicate(e);
        return new DataException(name + ": header " + where + ": " + (tensor == null ? what : "tensor '" + tensor
                + "' appears twice; a safetensors file names each tensor once (PyTorch's safetensors refuses this "
                + "file too): write it again with one '" + tensor + "'") + ".", e);
    }

    /** Where a tensor's values are in the data, and how they are stored: checked, not yet read. */
    private record Layout(String dtype, int width, long[] shape, long count, long begin, long end) {
    }

    private static Layout layout(String key, JsonNode t, long dataLength, String name, Iterable<Layout> others) {
        String where = name + ": tensor '" + key + "'";
        String dtype = t.path("dtype").asText("");
        int width = switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32" -> 4;
            default -> throw new DataException(where + " has dtype '" + dtype + "'; nnj reads F64, F32 and I64.");
        };
        JsonNode shapeNode = t.path("shape");
        JsonNode offsets = t.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new DataException(where + " needs \"shape\" (a list) and \"data_offsets\" ([begin, end]).");
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
                throw new DataException(where + " has a dimension that is not a whole number >= 0: " + d + ".");
            }
            shape[i] = d.asLong();
            try {
                count = Math.multiplyExact(count, shape[i]);
            } catch (ArithmeticException e) {
                count = Long.MAX_VALUE;
            }
            if (count > Integer.MAX_VALUE) {
                throw new DataException(where + " has shape " + shapeNode + ", too large for nnj.");
            }
        }
        for (JsonNode offset : offsets) {
            if (!offset.isIntegralNumber()) {
                throw new DataException(where + " has data_offsets " + offsets + "; expected two whole numbers of bytes "
                        + "[begin, end], as safetensors writers write them.");
            }
            if (offset.canConvertToLong() && offset.asLong() < 0) {
                throw new DataException(where + " has data_offsets " + offsets + "; an offset counts bytes from the "
                        + "start of the data and cannot be negative.");
            }
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (!offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong() || end < begin
                || end > dataLength) {
            throw new DataException(where + " has data_offsets " + offsets + " outside the " + dataLength
                    + " bytes of data.");
        }
        if (end - begin != count * width) {
            throw new DataException(where + ": shape " + shapeNode + " of " + dtype + " needs " + count * width
                    + " bytes, but data_offsets " + offsets + " give " + (end - begin) + ".");
        }
        for (Layout r : others) {
            if (begin < r.end && r.begin < end) {
                throw new DataException(where + ": its data overlaps another tensor's.");
            }
        }
        return new Layout(dtype, width, shape, count, begin, end);
    }

    /** Reads a tensor's values {@link #CHUNK} bytes at a time through {@code chunk}. */
    private static double[] values(SafetensorsSource file, long dataStart, Layout t, ByteBuffer chunk, String where)
            throws IOException {
        double[] values = new double[(int) t.count];
        long position = dataStart + t.begin;
        for (int i = 0; i < values.length; ) {
            int n = Math.min(CHUNK / t.width, values.length - i);
            chunk.clear().limit(n * t.width);
            file.read(position + (long) i * t.width, chunk);
            chunk.flip();
            for (int k = 0; k < n; k++, i++) {
                values[i] = switch (t.dtype) {
                    case "F64" -> chunk.getDouble();
                    case "F32" -> chunk.getFloat();
                    default -> integer(chunk.getLong(), where, i);
                };
            }
        }
        return values;
    }

    /** NaN or infinite weights load, then make every output NaN: refused where they are read. */
    private static void refuseNonFinite(double[] values, long[] shape, String where) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new DataException(where + " holds " + values[i] + " at index " + i + multiIndex(i, shape)
                        + "; nnj loads only finite numbers, and a model that diverged saves such values: train it "
                        + "again (e.g. from an earlier checkpoint), or pass --allow-non-finite (in Java, "
                        + "LoadOptions.allowNonFinite()) to load the file as it is and inspect it.");
            }
        }
    }

    /** @return {@code " ([1, 2] of [5, 6])"}: a flat index in a shape of rank 2 or more; empty below */
    private static String multiIndex(int flat, long[] shape) {
        if (shape.length < 2) {
            return "";
        }
        long[] index = new long[shape.length];
        long rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = rest % shape[d];
            rest /= shape[d];
        }
        return " (" + Arrays.toString(index) + " of " + Arrays.toString(shape) + ")";
    }

    private static double integer(long v, String where, int index) {
        if (Math.abs(v) > 1L << 53) {
            throw new DataException(where + ": I64 value " + v + " at index " + index + " is beyond 2^53, which nnj "
                    + "holds exactly; nnj's integer buffers are counters far below that.");
        }
        return v;
    }
}
