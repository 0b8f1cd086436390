package dev.nnj.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nnj.api.DataException;
import dev.nnj.api.Shape;
import dev.nnj.api.testkit.Allocations;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.model.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsImagesScaledToUnitRangeAndLabels() throws IOException {
        Path images = write("img.gz", images(2, 2, 2, new byte[] {0, (byte) 255, 51, 102, 1, 2, 3, 4}), true);
        Path labels = write("lbl", labels(new byte[] {7, 3}), false);
        DataSet d = IdxReader.read(images, labels);
        assertEquals(2, d.size());
        assertEquals(4, d.features().cols());
        assertArrayEquals(new double[] {0, 1, 0.2, 0.4}, Arrays.copyOf(d.features().data(), 4), 1e-15);
        assertEquals(7, d.label(0));
        assertEquals(3, d.label(1));
    }

    @Test
    void reportsATruncatedImageFile() throws IOException {
        byte[] full = images(3, 2, 2, new byte[12]);
        Path images = write("img", Arrays.copyOf(full, full.length - 5), false);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(images));
        assertEquals(images + ": truncated: the header promises 3 images of 2x2 (12 bytes after the 16-byte header) "
                + "but the file holds 7; it ends inside image 1 of 3.", e.getMessage());
    }

    @Test
    void comparesTheHeaderWithTheFileSizeBeforeAllocating() throws IOException {
        Path images = write("img", images(8_000_000, 8, 8, new byte[3784]), false);
        DataException e = refusedWithin(1 << 20, () -> IdxReader.readImages(images));
        assertEquals(images + ": truncated: the header promises 8000000 images of 8x8 (512000000 bytes after the "
                + "16-byte header) but the file holds 3784; it ends inside image 59 of 8000000.", e.getMessage());
    }

    @Test
    void refusesAGzippedFileTooSmallForItsHeader() throws IOException {
        Path images = write("img.gz", images(8_000_000, 8, 8, new byte[3784]), true);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(images));
        assertEquals(images + ": the header promises 8000000 images of 8x8 (512000000 bytes after the 16-byte "
                + "header), more than a gzipped file of " + Files.size(images) + " bytes can hold (1032 times its size "
                + "at most); the file is truncated or its header is wrong.", e.getMessage());
    }

    @Test
    void readsAGzippedFileThatEndsEarlyOnlyAsFarAsItGoes() throws IOException {
        byte[] pixels = new byte[3 * 784];
        new java.util.Random(7).nextBytes(pixels); // incompressible: the header's 784,000 bytes are plausible
        Path images = write("img.gz", images(1000, 28, 28, pixels), true);
        DataException e = refusedWithin(2 << 20, () -> IdxReader.readImages(images));
        assertEquals(images + ": truncated: the header promises 1000 images of 28x28 (784000 bytes after the 16-byte "
                + "header) but the file holds 2352 once gunzipped; it ends inside image 3 of 1000.", e.getMessage());
    }

    @Test
    void refusesAHeaderWhoseImagesDoNotFitTheHeap() throws IOException {
        long pixels = 33_554_431L * 64;
        long memory = pixels * 9;
        long heap = Runtime.getRuntime().maxMemory();
        assumeTrue(memory > heap, "a heap of " + heap + " bytes would hold them");
        Path images = dir.resolve("img");
        try (RandomAccessFile f = new RandomAccessFile(images.toFile(), "rw")) {
            f.write(images(33_554_431, 8, 8, new byte[0]));
            f.setLength(16 + pixels); // sparse: nothing written
        }
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(images));
        assertEquals(images + ": the header promises 33554431 images of 8x8, which take " + memory + " bytes of memory "
                + "to read (9 per byte of the file); this JVM may use " + heap + " in all. Raise its maximum heap with "
                + "-Xmx, or read a smaller file.", e.getMessage());
    }

    @Test
    void refusesALabelCountNoArrayHolds() throws IOException {
        Path labels = write("lbl", labelsHeader(Integer.MAX_VALUE, new byte[] {1, 2, 3}), false);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(labels));
        assertEquals(labels + ": implausible header: 2147483647 labels; nnj reads at most 2147483639 labels from one "
                + "file.", e.getMessage());
    }

    @Test
    void comparesTheLabelCountWithTheFileSizeBeforeAllocating() throws IOException {
        Path labels = write("lbl", labelsHeader(1_000_000_000, new byte[] {1, 2, 3}), false);
        DataException e = refusedWithin(1 << 20, () -> IdxReader.readLabels(labels));
        assertEquals(labels + ": truncated: the header promises 1000000000 labels (1000000000 bytes after the 8-byte "
                + "header) but the file holds 3; it ends inside label 3 of 1000000000.", e.getMessage());
    }

    @Test
    void reportsAFileOfTheWrongKind() throws IOException {
        Path labels = write("lbl", labels(new byte[] {1}), false);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(labels));
        assertEquals(labels + ": not an IDX image file (magic 0x801, expected 0x00000803).", e.getMessage());
    }

    @Test
    void reportsLabelsThatDoNotMatchTheImages() throws IOException {
        Path images = write("img", images(2, 1, 1, new byte[] {1, 2}), false);
        Path labels = write("lbl", labels(new byte[] {1, 2, 3}), false);
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(images, labels));
        assertEquals(labels + " has 3 labels but " + images + " has 2 images; pass the labels file that belongs to "
                + "the images.", e.getMessage());
    }

    @Test
    void aLabelOutsideTheModelsClassesIsNamedByTheLabelsFileAndIndex() throws IOException {
        Path images = write("img", images(3, 1, 2, new byte[6]), false);
        Path labels = write("lbl", labels(new byte[] {1, (byte) 200, 3}), false);
        Sequential model = Sequential.builder(Shape.of(2)).add(new DenseLayer(2, 10), "layers.0", "layers[0] (dense)")
                .build();
        DataSet shuffled = IdxReader.read(images, labels).subset(new int[] {2, 1, 0}, "shuffled");
        DataException e = assertThrows(DataException.class, () -> shuffled.checkFits(model));
        assertEquals(labels + " index 1 (counting from 0) has label 200, outside the model's 10 classes 0..9 "
                + "(layers[0] (dense) has 10 outputs); give the last layer more units or fix the labels.",
                e.getMessage());
    }

    /**
     * @return the exception {@code read} throws, once it has been seen to allocate at most
     *     {@code maxBytes} doing so
     */
    private static DataException refusedWithin(long maxBytes, Executable read) {
        Allocations.assertAllocatesAtMost(maxBytes, 1, () -> assertThrows(DataException.class, read));
        return assertThrows(DataException.class, read);
    }

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    private static byte[] images(int count, int rows, int cols, byte[] pixels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x803);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        out.write(pixels);
        return bytes.toByteArray();
    }

    private static byte[] labels(byte[] labels) throws IOException {
        return labelsHeader(labels.length, labels);
    }

    /** @return a labels file whose header gives {@code count}, followed by {@code labels} */
    private static byte[] labelsHeader(int count, byte[] labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x801);
        out.writeInt(count);
        out.write(labels);
        return bytes.toByteArray();
    }
}
