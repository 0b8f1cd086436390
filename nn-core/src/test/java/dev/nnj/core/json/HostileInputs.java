package dev.nnj.core.json;

import dev.nnj.api.NnException;
import dev.nnj.core.CoreExtension;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelAssembler;
import dev.nnj.core.build.TestOptimizerExtension;
import dev.nnj.core.data.CsvReader;
import dev.nnj.core.data.CsvTable;
import dev.nnj.core.data.IdxReader;
import dev.nnj.core.table.TableOptions;
import dev.nnj.core.table.TableSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The hostile-input cases, run in a JVM of their own with a small heap by {@link HostileInputTest}:
 * random, truncated, bit-flipped and extreme-size inputs for the CSV readers (and the table schema
 * fitted on them), the IDX reader, model JSON, {@code .nnj} files and safetensors. Every call must
 * return or throw an {@link NnException} with a message; anything else (an {@code Error}, a
 * library's or the JDK's exception) prints one line starting with {@code FAIL}, naming the reader,
 * the case, the seed and the mutation, so that {@code HostileInputs SEED CASES READER CASE} runs it
 * alone ({@code -Dhostile.trace=true} adds the stack trace, {@code -Dhostile.messages=true}
 * prints every NnException's message). Cases in {@link #KNOWN} print
 * {@code KNOWN} instead. The last line is
 * {@code DONE <cases> cases, <failures> failures, <known> known}; the exit code is 1 if there was a
 * failure.
 */
final class HostileInputs {
    /**
     * Cases ({@code reader/mutation} or {@code reader#case}) known to fail, printed {@code KNOWN}
     * instead of {@code FAIL}: none since the size checks before allocating (issue 16) made the
     * three out-of-memory cases (an IDX label count of 2^31-1, a model.json declaring 2^31-1 bytes,
     * case nnj#195's bit-flipped central directory) clear refusals. Add an entry only with an issue.
     */
    static final Set<String> KNOWN = Set.of();

    private static final String[] READERS = {"csv", "table", "idx", "json", "nnj", "safetensors"};

    private static final String CSV = "a,b,c,label\n0.5,1,-2,0\n1e3,2.5,3,1\n-0.25,0,7,2\n4,5,6,1\n";
    private static final String TABLE = "id,income,age,region,label\n1,20000,30,north,no\n2,60000,40,south,yes\n"
            + "3,100000,50,\"north, far\",yes\n4,40000,NA,east,no\n5,?,28,\"we\"\"st\",yes\n";
    private static final String[] MODELS = {ModelArchiveTest.MODEL,
            "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv2d\", \"filters\": 2, \"kernel\": 3, \"bias\": false}, "
                    + "{\"type\": \"batch-norm\", \"activation\": \"relu\"}, {\"type\": \"max-pool2d\", \"size\": 2}, "
                    + "{\"type\": \"avg-pool2d\", \"size\": 1}, {\"type\": \"flatten\"}, "
                    + "{\"type\": \"dropout\", \"rate\": 0.25}, {\"type\": \"layer-norm\"}, {\"type\": \"dense\", \"units\": 3}], "
                    + "\"loss\": \"softmax-cross-entropy\", \"optimizer\": {\"type\": \"sgd\", \"learningRate\": 0.1}, "
                    + "\"batchSize\": 4, \"epochs\": 2, \"seed\": 3}",
            "{\"input\": [3], \"layers\": [{\"type\": \"dense\", \"units\": 4, \"activation\": \"relu\"}, "
                    + "{\"type\": \"dense\", \"units\": 1}], \"loss\": \"mse\", \"optimizer\": \"sgd\", "
                    + "\"table\": {\"label\": \"label\", \"ignore\": [\"id\"], \"missing\": \"impute\"}}"};
    private static final String[] TOKENS = {",", ",", "\n", "\r\n", "\"", "0", "1", "-1", "2.5", "1e400", "1e-400",
            "NaN", "Infinity", "-Infinity", "0x1p3", "1e9", "2147483648", "9223372036854775808", "+", ".", "e", " ",
            "\t", "NA", "?", "abc", "é", "\u0000", "\uFEFF", "\uD800", "9".repeat(400), "label", "id", "#1"};
    private static final String[] VALUES = {"0", "-1", "1", "2147483647", "2147483648", "-2147483648", "1e308",
            "-1e308", "1e-320", "-0", "0.5", "1.5", "99999999999999999999", "NaN", "Infinity", "\"x\"", "\"\"", "null",
            "true", "[]", "{}", "[0]", "[-1, 2]", "[2147483647, 2147483647]", "[65536, 65536]"};

    private final Path dir;
    private final ModelAssembler assembler = NnRuntime.of(new CoreExtension(), new TestOptimizerExtension()).assembler();
    private final byte[] nnj;
    private final byte[] weights;
    private final byte[] tableJson;
    private String reader;
    private int index;
    private long seed;
    private String kind;
    private int failures;
    private int known;

    private HostileInputs(Path dir) throws IOException {
        this.dir = dir;
        Path valid = dir.resolve("valid.nnj");
        ModelArchive.save(valid, ModelFileReader.read(ModelArchiveTest.MODEL, "m.json"),
                assembler.assemble(ModelFileReader.read(ModelArchiveTest.MODEL, "m.json")).model());
        nnj = Files.readAllBytes(valid);
        weights = ModelArchiveTest.entryBytes(valid, ModelArchive.WEIGHTS_ENTRY);
        tableJson = TableSchemaJson.write(TableSchema.fit(table(TABLE), options("label", List.of("id"), true), true));
    }

    /**
     * Runs the cases.
     *
     * @param args {@code SEED CASES} (cases per reader), optionally followed by {@code READER} and
     *     {@code CASE} to run one reader or one case alone
     * @throws IOException if the temporary directory cannot be written
     */
    public static void main(String[] args) throws IOException {
        long seed = Long.parseLong(args[0]);
        int cases = Integer.parseInt(args[1]);
        String only = args.length > 2 ? args[2] : null;
        int onlyCase = args.length > 3 ? Integer.parseInt(args[3]) : -1;
        Path dir = Files.createTempDirectory("nnj-hostile");
        try {
            HostileInputs run = new HostileInputs(dir);
            int total = 0;
            for (String r : READERS) {
                if (only != null && !only.equals(r)) {
                    continue;
                }
                long start = System.nanoTime();
                int n = 0;
                for (int i = 0; i < cases; i++) {
                    if (onlyCase < 0 || onlyCase == i) {
                        run.run(r, i, seed);
                        n++;
                    }
                }
                total += n;
                System.out.println("READER " + r + ": " + n + " cases in " + (System.nanoTime() - start) / 1_000_000
                        + " ms");
            }
            System.out.println("DONE " + total + " cases, " + run.failures + " failures, " + run.known + " known");
            System.out.flush();
            System.exit(run.failures == 0 ? 0 : 1);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(String r, int i, long baseSeed) {
        reader = r;
        index = i;
        seed = baseSeed * 1_000_003L + r.hashCode() * 65_537L + i;
        kind = "?";
        SplittableRandom random = new SplittableRandom(seed);
        long start = System.nanoTime();
        try {
            switch (r) {
                case "csv" -> csv(random);
                case "table" -> table(random);
                case "idx" -> idx(random);
                case "json" -> json(random);
                case "nnj" -> nnj(random);
                case "safetensors" -> safetensors(random);
                default -> throw new IllegalArgumentException(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (ms > 5_000) {
            System.out.println("SLOW " + where() + ": " + ms + " ms");
        }
    }

    private String where() {
        return reader + "#" + index + " (seed " + seed + ", " + kind + ")";
    }

    /** Runs one call: a return or an NnException with a message passes; anything else is reported. */
    private void check(String call, ThrowingRunnable body) {
        try {
            body.run();
        } catch (NnException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                report(call, e);
            } else if (Boolean.getBoolean("hostile.messages")) {
                System.out.println("OK " + where() + " " + call + ": " + e.getMessage().replace('\n', ' '));
            }
        } catch (Throwable t) {
            report(call, t);
        }
    }

    private void report(String call, Throwable t) {
        boolean isKnown = KNOWN.contains(reader + "/" + kind) || KNOWN.contains(reader + "#" + index);
        if (isKnown) {
            known++;
        } else {
            failures++;
        }
        StackTraceElement top = Arrays.stream(t.getStackTrace()).filter(s -> s.getClassName().startsWith("dev.nnj"))
                .findFirst().orElse(t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null);
        String message = String.valueOf(t.getMessage()).replace('\n', ' ');
        System.out.println((isKnown ? "KNOWN " : "FAIL ") + where() + " " + call + ": " + t.getClass().getName() + ": "
                + (message.length() > 300 ? message.substring(0, 300) + "..." : message) + " at " + top);
        if (Boolean.getBoolean("hostile.trace")) {
            t.printStackTrace(System.out);
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ---------------------------------------------------------------- CSV: CsvReader

    private void csv(SplittableRandom random) throws IOException {
        byte[] bytes = extremeOr(random, csvExtremes(), () -> text(random, CSV));
        Path file = write("in.csv", bytes);
        check("CsvReader.read(labels)", () -> CsvReader.read(file, true));
        check("CsvReader.read(targets)", () -> CsvReader.read(file, false));
        check("CsvReader.readFeatures", () -> CsvReader.readFeatures(file));
    }

    private List<Extreme> csvExtremes() {
        return List.of(
                new Extreme("200000 columns", () -> ("1,".repeat(199_999) + "0\n").getBytes(StandardCharsets.US_ASCII)),
                new Extreme("200000 rows", () -> "1,0\n".repeat(200_000).getBytes(StandardCharsets.US_ASCII)),
                new Extreme("one 8 MB line", () -> "7".repeat(8 << 20).getBytes(StandardCharsets.US_ASCII)),
                new Extreme("label 1e9", () -> "1,2\n3,1000000000\n".getBytes(StandardCharsets.US_ASCII)),
                new Extreme("label 2^31-1", () -> "1,2\n3,2147483647\n".getBytes(StandardCharsets.US_ASCII)),
                new Extreme("label 2^32", () -> "1,2\n3,4294967296\n".getBytes(StandardCharsets.US_ASCII)),
                new Extreme("one row", () -> "1,0\n".getBytes(StandardCharsets.US_ASCII)),
                new Extreme("header only", () -> "a,label\n".getBytes(StandardCharsets.US_ASCII)),
                new Extreme("empty", () -> new byte[0]),
                new Extreme("100000 blank lines", () -> "\n".repeat(100_000).getBytes(StandardCharsets.US_ASCII)),
                new Extreme("gzip bomb 64 MB of commas", () -> gzip(",".repeat(64 << 20).getBytes(StandardCharsets.US_ASCII))),
                new Extreme("truncated gzip", () -> Arrays.copyOf(gzip(CSV.getBytes(StandardCharsets.UTF_8)), 20)));
    }

    // ---------------------------------------------------------------- tables: CsvTable, TableSchema

    private void table(SplittableRandom random) throws IOException {
        byte[] bytes = extremeOr(random, tableExtremes(), () -> text(random, TABLE));
        Path file = write("in.csv", bytes);
        String mutation = kind;
        Path other = write("other.csv", text(random, TABLE));
        kind = mutation;
        List<String> header = List.of("id", "income", "age", "region", "label", "nope", "#1", "#9", "");
        String label = random.nextInt(4) == 0 ? null : header.get(random.nextInt(header.size()));
        List<String> ignore = random.nextBoolean() ? List.of() : List.of(header.get(random.nextInt(header.size())));
        List<String> categorical = random.nextInt(3) != 0 ? List.of() : List.of(header.get(random.nextInt(header.size())));
        List<String> numeric = random.nextInt(3) != 0 ? List.of() : List.of(header.get(random.nextInt(header.size())));
        boolean classification = random.nextBoolean();
        TableOptions opts = new TableOptions(label, ignore, categorical, numeric, random.nextBoolean(),
                random.nextBoolean(), random.nextBoolean(), random.nextBoolean());
        check("CsvTable.read, TableSchema.fit, encode", () -> {
            CsvTable table = CsvTable.read(file);
            TableSchema schema = TableSchema.fit(table, opts, classification);
            schema.encode(table);
            schema.encodeFeatures(table);
            check("TableSchema.encode(another table)", () -> schema.encode(CsvTable.read(other)));
            check("TableSchema.encodeFeatures(another table)", () -> schema.encodeFeatures(CsvTable.read(other)));
            check("TableSchemaJson round trip", () -> TableSchemaJson.read(TableSchemaJson.write(schema), "t.json"));
        });
        byte[] json = random.nextBoolean() ? flip(tableJson, random) : truncate(tableJson, random);
        check("TableSchemaJson.read", () -> TableSchemaJson.read(json, "table.json").encode(CsvTable.read(other)));
    }

    private List<Extreme> tableExtremes() {
        List<Extreme> list = new ArrayList<>(csvExtremes());
        list.add(new Extreme("100000 categories", () -> {
            StringBuilder b = new StringBuilder("region,label\n");
            for (int i = 0; i < 100_000; i++) {
                b.append('r').append(i).append(',').append(i % 2).append('\n');
            }
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }));
        list.add(new Extreme("unclosed quote over 1 MB", () -> ("a,label\n\"" + "x\n".repeat(1 << 19))
                .getBytes(StandardCharsets.UTF_8)));
        list.add(new Extreme("5000 header columns", () -> {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 5_000; i++) {
                b.append(i == 0 ? "" : ",").append("c").append(i);
            }
            return (b + "\n" + "1,".repeat(4_999) + "1\n").getBytes(StandardCharsets.UTF_8);
        }));
        list.add(new Extreme("duplicate header", () -> "a,a,label\n1,2,x\n".getBytes(StandardCharsets.UTF_8)));
        return list;
    }

    // ---------------------------------------------------------------- IDX

    private void idx(SplittableRandom random) throws IOException {
        byte[] goodImages = idxImages(5, 4, 3, 5 * 12);
        byte[] goodLabels = idxLabels(5, 5);
        byte[][] pair = extremeIdx(random);
        byte[] images = pair != null ? pair[0] : mutate(random, goodImages);
        byte[] labels = pair != null ? pair[1] : random.nextInt(3) == 0 ? mutate(random, goodLabels) : goodLabels;
        if (pair == null && random.nextInt(4) == 0) {
            images = gzip(images);
            if (random.nextBoolean()) {
                images = mutate(random, images);
            }
        }
        Path i = write("images.idx", images);
        Path l = write("labels.idx", labels);
        check("IdxReader.read", () -> IdxReader.read(i, l));
    }

    private byte[][] extremeIdx(SplittableRandom random) throws IOException {
        List<Extreme> images = List.of(
                new Extreme("images 8000000 of 28x28 in a small file", () -> idxImages(8_000_000, 28, 28, 3_800)),
                new Extreme("images 33554431 of 8x8 in a small file", () -> idxImages(33_554_431, 8, 8, 3_800)),
                new Extreme("images 2^31-1 of 1x1 in a small file", () -> idxImages(Integer.MAX_VALUE, 1, 1, 100)),
                new Extreme("images 65536 of 65536x65536", () -> idxImages(65_536, 65_536, 65_536, 100)),
                new Extreme("images -1 of 4x3", () -> idxImages(-1, 4, 3, 100)),
                new Extreme("images 5 of 0x3", () -> idxImages(5, 0, 3, 100)),
                new Extreme("images 5 of -4x-3", () -> idxImages(5, -4, -3, 100)),
                new Extreme("header only", () -> Arrays.copyOf(idxImages(5, 4, 3, 0), 16)),
                new Extreme("empty", () -> new byte[0]),
                new Extreme("gzip bomb 64 MB", () -> gzip(idxImages(1_000_000, 8, 8, 64_000_000))));
        List<Extreme> labels = List.of(
                new Extreme("labels count 2^31-1", () -> idxLabels(Integer.MAX_VALUE, 100)),
                new Extreme("labels count 10^8 in a small file", () -> idxLabels(100_000_000, 100)),
                new Extreme("labels count 0", () -> idxLabels(0, 0)),
                new Extreme("labels count -5", () -> idxLabels(-5, 5)),
                new Extreme("labels 6 for 5 images", () -> idxLabels(6, 6)));
        if (index < images.size()) {
            kind = images.get(index).name();
            return new byte[][] {images.get(index).bytes().get(), idxLabels(5, 5)};
        }
        if (index < images.size() + labels.size()) {
            Extreme e = labels.get(index - images.size());
            kind = e.name();
            return new byte[][] {idxImages(5, 4, 3, 60), e.bytes().get()};
        }
        return null;
    }

    private static byte[] idxImages(int count, int rows, int cols, int body) {
        ByteBuffer b = ByteBuffer.allocate(16 + body).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols);
        for (int k = 0; k < body; k++) {
            b.put((byte) (k * 37));
        }
        return b.array();
    }

    private static byte[] idxLabels(int count, int body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x00000801).putInt(count);
        for (int k = 0; k < body; k++) {
            b.put((byte) (k % 10));
        }
        return b.array();
    }

    // ---------------------------------------------------------------- model JSON

    private void json(SplittableRandom random) throws IOException {
        byte[] bytes = extremeOr(random, jsonExtremes(), () -> {
            String model = MODELS[random.nextInt(MODELS.length)];
            if (random.nextInt(3) == 0) {
                kind = "a value replaced";
                return replaceValue(model, random).getBytes(StandardCharsets.UTF_8);
            }
            return mutate(random, model.getBytes(StandardCharsets.UTF_8));
        });
        Path file = write("model.json", bytes);
        check("ModelFileReader.read, ModelAssembler.assemble", () -> {
            AssembledModel model = assembler.assemble(ModelFileReader.read(file));
            model.model();
        });
    }

    private List<Extreme> jsonExtremes() {
        return List.of(
                new Extreme("nesting 1001", () -> ("{\"input\": " + "[".repeat(1_001) + "]".repeat(1_001) + "}")
                        .getBytes(StandardCharsets.UTF_8)),
                new Extreme("nesting 200000", () -> ("{\"input\": " + "[".repeat(200_000)).getBytes(StandardCharsets.UTF_8)),
                new Extreme("string of 20050354 chars", () -> ("{\"name\": \"" + "x".repeat(20_050_354) + "\"}")
                        .getBytes(StandardCharsets.UTF_8)),
                new Extreme("number of 2000000 digits", () -> ("{\"seed\": " + "9".repeat(2_000_000) + "}")
                        .getBytes(StandardCharsets.UTF_8)),
                new Extreme("100000 dropout layers", () -> {
                    StringBuilder b = new StringBuilder("{\"input\": [784], \"layers\": [");
                    for (int i = 0; i < 100_000; i++) {
                        b.append("{\"type\": \"dropout\", \"rate\": 0.1}, ");
                    }
                    return (b + "{\"type\": \"dense\", \"units\": 10}], \"loss\": \"softmax-cross-entropy\", "
                            + "\"optimizer\": \"sgd\"}").getBytes(StandardCharsets.UTF_8);
                }),
                new Extreme("dense units 2^31-1", () -> model("[6]", "{\"type\": \"dense\", \"units\": 2147483647}")),
                new Extreme("dense 65536x65536", () -> model("[65536]", "{\"type\": \"dense\", \"units\": 65536}")),
                new Extreme("input [2147483647]", () -> model("[2147483647]", "{\"type\": \"dense\", \"units\": 2}")),
                new Extreme("input [65536, 65536, 65536]", () -> model("[65536, 65536, 65536]", "{\"type\": \"flatten\"}")),
                new Extreme("conv 1x4096x4096 with 4096 filters", () -> model("[1, 4096, 4096]",
                        "{\"type\": \"conv2d\", \"filters\": 4096, \"kernel\": 3}")),
                new Extreme("conv kernel 2^31-1", () -> model("[1, 8, 8]",
                        "{\"type\": \"conv2d\", \"filters\": 2, \"kernel\": 2147483647}")),
                new Extreme("pool size 2^31-1", () -> model("[1, 8, 8]", "{\"type\": \"max-pool2d\", \"size\": 2147483647}")),
                new Extreme("batchSize 2^31-1", () -> (ModelArchiveTest.MODEL.substring(0, ModelArchiveTest.MODEL.length() - 1)
                        + ", \"batchSize\": 2147483647}").getBytes(StandardCharsets.UTF_8)),
                new Extreme("not UTF-8", () -> new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}),
                new Extreme("NaN learning rate", () -> ModelArchiveTest.MODEL.replace("0.1", "NaN")
                        .getBytes(StandardCharsets.UTF_8)),
                new Extreme("empty", () -> new byte[0]));
    }

    private static byte[] model(String input, String layer) {
        return ("{\"input\": " + input + ", \"layers\": [" + layer + "], \"loss\": \"mse\", \"optimizer\": \"sgd\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces one value (after a {@code :}, or inside a list) with an extreme or ill-typed one. */
    private static String replaceValue(String json, SplittableRandom random) {
        List<int[]> spans = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<=[:\\[,]\\s?)(-?[0-9.e]+|\"[^\"]*\"|true|false)")
                .matcher(json);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        int[] s = spans.get(random.nextInt(spans.size()));
        return json.substring(0, s[0]) + VALUES[random.nextInt(VALUES.length)] + json.substring(s[1]);
    }

    // ---------------------------------------------------------------- .nnj

    private void nnj(SplittableRandom random) throws IOException {
        byte[] bytes = extremeOr(random, nnjExtremes(), () -> mutate(random, nnj));
        Path file = write("in.nnj", bytes);
        check("ModelArchive.read", () -> ModelArchive.read(file));
        check("ModelArchive.load", () -> ModelArchive.load(file, assembler));
    }

    private List<Extreme> nnjExtremes() {
        return List.of(
                new Extreme("model.json declares 2^31 bytes", () -> declaredSize(storedArchive(), 1L << 31)),
                new Extreme("model.json declares 2^31-1 bytes", () -> declaredSize(storedArchive(), (1L << 31) - 1)),
                new Extreme("model.json declares -1 bytes", () -> declaredSize(storedArchive(), 0xFFFF_FFFFL)),
                new Extreme("model.json of 24 MB of blanks", () -> archive(entries(ModelArchive.MODEL_ENTRY,
                        " ".repeat(24 << 20).getBytes(StandardCharsets.US_ASCII), ModelArchive.WEIGHTS_ENTRY, weights))),
                new Extreme("two weights entries", () -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (ZipOutputStream zip = new ZipOutputStream(out)) {
                        zip.putNextEntry(new ZipEntry(ModelArchive.MODEL_ENTRY));
                        zip.write(ModelArchiveTest.MODEL.getBytes(StandardCharsets.UTF_8));
                        zip.putNextEntry(new ZipEntry(ModelArchive.WEIGHTS_ENTRY));
                        zip.write(weights);
                        zip.putNextEntry(new ZipEntry("dir/../" + ModelArchive.WEIGHTS_ENTRY));
                        zip.write(weights);
                    }
                    return out.toByteArray();
                }),
                new Extreme("empty", () -> new byte[0]),
                new Extreme("an empty zip", () -> archive(Map.of())));
    }

    private byte[] storedArchive() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries(ModelArchive.MODEL_ENTRY,
                    ModelArchiveTest.MODEL.getBytes(StandardCharsets.UTF_8), ModelArchive.WEIGHTS_ENTRY, weights).entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
            }
        }
        return out.toByteArray();
    }

    /** Sets the uncompressed size that the central directory declares for model.json. */
    private static byte[] declaredSize(byte[] zip, long size) {
        byte[] b = zip.clone();
        ByteBuffer buffer = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = ModelArchive.MODEL_ENTRY.getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at + 46 < b.length; at++) {
            if (buffer.getInt(at) == 0x02014b50 && Arrays.equals(b, at + 46, at + 46 + name.length, name, 0, name.length)) {
                buffer.putInt(at + 24, (int) size);
                return b;
            }
        }
        throw new IllegalStateException("no central directory entry for model.json");
    }

    /** The entries in the order given (Map.of's order changes from one JVM to the next). */
    private static Map<String, byte[]> entries(Object... namesAndBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int k = 0; k < namesAndBytes.length; k += 2) {
            m.put((String) namesAndBytes[k], (byte[]) namesAndBytes[k + 1]);
        }
        return m;
    }

    private static byte[] archive(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- safetensors

    private void safetensors(SplittableRandom random) throws IOException {
        byte[] bytes = extremeOr(random, safetensorsExtremes(), () -> {
            if (random.nextInt(3) == 0) {
                kind = "a header value replaced";
                int length = (int) ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
                String header = replaceValue(new String(weights, 8, length, StandardCharsets.UTF_8), random);
                return safetensorsFile(header, Arrays.copyOfRange(weights, 8 + length, weights.length));
            }
            return mutate(random, weights);
        });
        check("Safetensors.read", () -> Safetensors.read(bytes, "w.safetensors"));
    }

    private List<Extreme> safetensorsExtremes() {
        byte[] data = new byte[64];
        return List.of(
                new Extreme("header length 2^63-1", () -> withHeaderLength(Long.MAX_VALUE)),
                new Extreme("header length -1", () -> withHeaderLength(-1)),
                new Extreme("header length 2^31", () -> withHeaderLength(1L << 31)),
                new Extreme("shape [2^31, 2^31]", () -> safetensorsFile(
                        "{\"w\": {\"dtype\": \"F64\", \"shape\": [2147483648, 2147483648], \"data_offsets\": [0, 64]}}", data)),
                new Extreme("shape [2^62, 4] overflows", () -> safetensorsFile(
                        "{\"w\": {\"dtype\": \"F64\", \"shape\": [4611686018427387904, 4], \"data_offsets\": [0, 0]}}", data)),
                new Extreme("shape [-8]", () -> safetensorsFile(
                        "{\"w\": {\"dtype\": \"F64\", \"shape\": [-8], \"data_offsets\": [0, 64]}}", data)),
                new Extreme("offsets [0, 2^62]", () -> safetensorsFile(
                        "{\"w\": {\"dtype\": \"F64\", \"shape\": [8], \"data_offsets\": [0, 4611686018427387904]}}", data)),
                new Extreme("offsets [64, 0]", () -> safetensorsFile(
                        "{\"w\": {\"dtype\": \"F64\", \"shape\": [0], \"data_offsets\": [64, 0]}}", data)),
                new Extreme("offsets 1e400", () -> safetensorsFile(
                        "{\"w\": {\"dtype\": \"F64\", \"shape\": [8], \"data_offsets\": [0, 1e400]}}", data)),
                new Extreme("header nesting 100000", () -> safetensorsFile("{\"w\": " + "[".repeat(100_000), data)),
                new Extreme("header an array", () -> safetensorsFile("[1, 2]", data)),
                new Extreme("metadata not strings", () -> safetensorsFile("{\"__metadata__\": {\"a\": [1]}}", data)),
                new Extreme("empty", () -> new byte[0]));
    }

    private static byte[] withHeaderLength(long length) {
        byte[] b = new byte[64];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
        return b;
    }

    private static byte[] safetensorsFile(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }

    // ---------------------------------------------------------------- mutations

    private record Extreme(String name, BytesSupplier bytes) {
    }

    private interface BytesSupplier {
        byte[] get() throws IOException;
    }

    /** The first cases of a reader are its extremes, one each; the others mutate valid input. */
    private byte[] extremeOr(SplittableRandom random, List<Extreme> extremes, BytesSupplier otherwise)
            throws IOException {
        if (index < extremes.size()) {
            kind = extremes.get(index).name();
            return extremes.get(index).bytes().get();
        }
        return otherwise.get();
    }

    /** Random bytes, a truncation, or bit flips of {@code good}. */
    private byte[] mutate(SplittableRandom random, byte[] good) {
        switch (random.nextInt(3)) {
            case 0 -> {
                kind = "random bytes";
                byte[] b = new byte[random.nextInt(0, 2_000)];
                random.nextBytes(b);
                return b;
            }
            case 1 -> {
                return truncate(good, random);
            }
            default -> {
                return flip(good, random);
            }
        }
    }

    /** CSV-like text: a mutation of {@code good}, or a soup of the tokens that CSV readers trip on. */
    private byte[] text(SplittableRandom random, String good) {
        int choice = random.nextInt(5);
        if (choice == 0) {
            kind = "token soup";
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(1, 200); k > 0; k--) {
                b.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (choice == 1) {
            kind = "a cell replaced";
            String[] lines = good.split("\n");
            int line = random.nextInt(lines.length);
            String[] cells = lines[line].split(",", -1);
            cells[random.nextInt(cells.length)] = TOKENS[random.nextInt(TOKENS.length)];
            lines[line] = String.join(",", cells);
            return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        }
        if (choice == 2) {
            byte[] z = gzip(good.getBytes(StandardCharsets.UTF_8));
            byte[] m = random.nextBoolean() ? truncate(z, random) : flip(z, random);
            kind = "gzip, " + kind;
            return m;
        }
        return mutate(random, good.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] truncate(byte[] good, SplittableRandom random) {
        kind = "truncated";
        return Arrays.copyOf(good, random.nextInt(good.length));
    }

    private byte[] flip(byte[] good, SplittableRandom random) {
        kind = "bit-flipped";
        byte[] b = good.clone();
        for (int k = random.nextInt(1, 6); k > 0; k--) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static CsvTable table(String csv) {
        return CsvTable.read(new java.io.ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv");
    }

    private static TableOptions options(String label, List<String> ignore, boolean impute) {
        return TableOptions.DEFAULTS.withLabel(label).withColumns(ignore, List.of(), List.of()).withPolicies(impute, false);
    }
}
