package dev.nnj.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.DataException;
import dev.nnj.api.Shape;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.model.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
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
        assertEquals(images + ": truncated: the file ends inside image 1 of 3.", e.getMessage());
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x801);
        out.writeInt(labels.length);
        out.write(labels);
        return bytes.toByteArray();
    }
}
