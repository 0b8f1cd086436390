package dev.nnj.core.data;

import dev.nnj.api.DataException;
import dev.nnj.api.Tensor;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads images and labels in the IDX format of MNIST and Fashion-MNIST (gzipped or not):
 * big-endian; images: magic 0x00000803, count, rows, cols, then one unsigned byte per pixel; labels:
 * magic 0x00000801, count, then one byte per label. Pixels are scaled to [0, 1].
 *
 * <p>A header is a promise, checked before anything is allocated for it (see {@link IdxBody}): against
 * the file's size, against the heap, and while the body is read, which allocates only as the bytes
 * arrive.
 */
public final class IdxReader {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /**
     * Reads an image file and its labels file, e.g. {@code train-images-idx3-ubyte.gz} and
     * {@code train-labels-idx1-ubyte.gz}.
     *
     * @param images the IDX image file, gzipped or not
     * @param labels the IDX labels file of the same images, gzipped or not
     * @return classification data named after the image file: features [n, rows · cols] with pixels
     *     in [0, 1], one label per image; the {@link DataSet#origin() origin} of example {@code i}
     *     is index {@code i} of the labels file (counting from 0)
     * @throws DataException naming the file of the first problem
     */
    public static DataSet read(Path images, Path labels) {
        Tensor x = readImages(images);
        int[] y = readLabels(labels);
        if (y.length != x.rows()) {
            throw new DataException(labels + " has " + y.length + " labels but " + images + " has " + x.rows()
                    + " images; pass the labels file that belongs to the images.");
        }
        return DataSet.classification(images.getFileName().toString(), x, y)
                .withOrigin(Origin.indices(labels.toString()));
    }

    static Tensor readImages(Path file) {
        try (DataInputStream in = new DataInputStream(DataFiles.open(file))) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DataException(file + ": not an IDX image file (magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x00000803).");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 1 || rows < 1 || cols < 1 || (long) count * rows * cols > IdxBody.MAX_BYTES) {
                throw new DataException(file + ": implausible header: " + count + " images of " + rows + "x" + cols
                        + "; nnj reads at most " + IdxBody.MAX_BYTES + " pixels from one file.");
            }
            int pixels = rows * cols;
            IdxBody body = new IdxBody(file, 16, count + " images of " + rows + "x" + cols, "image", count, pixels);
            byte[] bytes = body.read(in, Double.BYTES);
            Tensor x = Tensor.zeros(count, pixels);
            double[] d = x.data();
            for (int i = 0; i < bytes.length; i++) {
                d[i] = (bytes[i] & 0xff) / 255.0;
            }
            return x;
        } catch (EOFException e) {
            throw new DataException(file + ": truncated: the file ends early (" + e.getMessage() + ").", e);
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static int[] readLabels(Path file) {
        try (DataInputStream in = new DataInputStream(DataFiles.open(file))) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DataException(file + ": not an IDX label file (magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x00000801).");
            }
            int count = in.readInt();
            if (count < 1 || count > IdxBody.MAX_BYTES) {
                throw new DataException(file + ": implausible header: " + count + " labels; nnj reads at most "
                        + IdxBody.MAX_BYTES + " labels from one file.");
            }
            byte[] bytes = new IdxBody(file, 8, count + " labels", "label", count, 1).read(in, Integer.BYTES);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xff;
            }
            return labels;
        } catch (EOFException e) {
            throw new DataException(file + ": truncated: the file ends early (" + e.getMessage() + ").", e);
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + " (truncated or corrupt?): " + e.getMessage(), e);
        }
    }
}
