package dev.nnj.examples.cli;

import dev.nnj.api.DataException;
import dev.nnj.core.data.CsvReader;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.data.IdxReader;
import dev.nnj.core.random.Seeds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@code --data} spec into data sets:
 *
 * <ul>
 *   <li>{@code digits}: the embedded UCI digits (1,797 examples of 8x8 pixels, scaled to [0, 1]);
 *   <li>{@code fashion-mnist[:DIR]}: the four IDX gz files of Fashion-MNIST; training part and
 *       t10k test part; without DIR, {@code $NNJ_DATA/fashion-mnist}, then
 *       {@code /usr/share/datasets/fashion-mnist};
 *   <li>{@code idx:IMAGES,LABELS}: an IDX image file and its label file (pixels scaled to [0, 1]);
 *   <li>{@code csv:FILE}: comma-separated values taken as they are, label or target last.
 * </ul>
 */
public final class DataSources {
    /** Fraction held out for testing when the data has no test part and no --test-data is given. */
    static final double TEST_FRACTION = 0.2;
    /** The split does not depend on the model's seed, so changing --seed never changes the test set. */
    static final long SPLIT_SEED = 20_261_128L;

    private static final String DIGITS_RESOURCE = "/dev/nnj/examples/data/digits.csv.gz";
    private static final String FASHION_TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    private static final String FASHION_TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    private static final String FASHION_TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    private static final String FASHION_TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    private DataSources() {
    }

    /**
     * Data and, where the source has one, its own test part.
     *
     * @param data the training data (or all of it)
     * @param test the source's own test part, or {@code null}
     */
    public record Loaded(DataSet data, DataSet test) {
    }

    /**
     * Reads the data a {@code --data} spec names.
     *
     * @param spec {@code digits}, {@code fashion-mnist[:DIR]}, {@code idx:IMAGES,LABELS} or
     *     {@code csv:FILE}
     * @param labels whether the last CSV column is a class label (else a regression target)
     * @return the data, and the source's own test part for Fashion-MNIST
     * @throws DataException for an unknown spec, or naming the file of the first problem
     */
    public static Loaded load(String spec, boolean labels) {
        List<Path> files = files(spec);
        if (spec.equals("digits")) {
            return new Loaded(digits(), null);
        }
        if (spec.startsWith("csv:")) {
            return new Loaded(CsvReader.read(files.get(0), labels), null);
        }
        return new Loaded(IdxReader.read(files.get(0), files.get(1)), files.size() == 2 ? null
                : IdxReader.read(files.get(2), files.get(3)));
    }

    /**
     * The files a {@code --data} spec reads, without reading them.
     *
     * @param spec as for {@link #load}
     * @return none for {@code digits}; the file of {@code csv:FILE}; the images and labels of
     *     {@code idx:IMAGES,LABELS}; for Fashion-MNIST, the training images and labels, then the test
     *     images and labels
     * @throws DataException for an unknown or malformed spec, or if Fashion-MNIST is not found
     */
    static List<Path> files(String spec) {
        if (spec.equals("digits")) {
            return List.of();
        }
        if (spec.equals("fashion-mnist") || spec.startsWith("fashion-mnist:")) {
            Path dir = spec.equals("fashion-mnist") ? findFashionMnist() : Path.of(spec.substring("fashion-mnist:".length()));
            return List.of(dir.resolve(FASHION_TRAIN_IMAGES), dir.resolve(FASHION_TRAIN_LABELS),
                    dir.resolve(FASHION_TEST_IMAGES), dir.resolve(FASHION_TEST_LABELS));
        }
        if (spec.startsWith("idx:")) {
            String[] files = spec.substring(4).split(",", -1);
            if (files.length != 2 || files[0].isBlank() || files[1].isBlank()) {
                throw new DataException("--data " + spec + ": expected idx:IMAGES,LABELS (two files, comma-separated).");
            }
            return List.of(Path.of(files[0]), Path.of(files[1]));
        }
        if (spec.startsWith("csv:")) {
            return List.of(Path.of(spec.substring(4)));
        }
        throw new DataException("Unknown data source '" + spec + "'. Use digits, fashion-mnist[:DIR], "
                + "idx:IMAGES,LABELS or csv:FILE.");
    }

    /**
     * Reads the UCI digits shipped in this jar.
     *
     * @return the embedded digits, pixels scaled from 0..16 to [0, 1]
     * @throws DataException if the resource is missing or unreadable
     */
    public static DataSet digits() {
        try (InputStream in = DataSources.class.getResourceAsStream(DIGITS_RESOURCE)) {
            if (in == null) {
                throw new DataException("The embedded digits data (" + DIGITS_RESOURCE + ") is missing from the jar.");
            }
            DataSet raw = CsvReader.read(in, "digits", true);
            double[] x = raw.features().data();
            for (int i = 0; i < raw.features().size(); i++) {
                x[i] /= 16.0;
            }
            return raw;
        } catch (IOException e) {
            throw new DataException("Cannot read the embedded digits data: " + e.getMessage(), e);
        }
    }

    /**
     * The training and test data of a run: with {@code testSpec}, all of {@code spec} trains and
     * {@code testSpec}'s test part (or all of it) tests; else the source's own test part tests
     * (Fashion-MNIST's t10k); else {@link #split} holds out 20% with a fixed seed. {@code nnj
     * evaluate} uses the same test data, so it measures what training reported.
     *
     * @param spec the {@code --data} spec
     * @param testSpec the {@code --test-data} spec; may be {@code null}
     * @param labels whether the last CSV column is a class label (else a regression target)
     * @return the training and test sets
     * @throws DataException for an unknown spec, or naming the file of the first problem
     */
    public static DataSet.Split trainAndTest(String spec, String testSpec, boolean labels) {
        Loaded loaded = load(spec, labels);
        if (testSpec != null) {
            Loaded t = load(testSpec, labels);
            return new DataSet.Split(loaded.data(), t.test() != null ? t.test() : t.data());
        }
        if (loaded.test() != null) {
            return new DataSet.Split(loaded.data(), loaded.test());
        }
        return split(loaded.data());
    }

    /**
     * Splits {@code data} deterministically: a fixed-seed shuffle, then the last 20% (rounded up)
     * for testing.
     *
     * @param data the examples to split; not modified
     * @return 80% to train on, 20% to test on
     * @throws DataException naming the data if it is too small to split (a single example)
     */
    public static DataSet.Split split(DataSet data) {
        int test = (int) Math.ceil(data.size() * TEST_FRACTION);
        if (test >= data.size()) {
            throw new DataException(data.name() + ": " + count(data.size(), "example") + " cannot be split into "
                    + "training and test examples; give more examples, or a separate --test-data file.");
        }
        return data.split(test, Seeds.stream(SPLIT_SEED, "split"));
    }

    /**
     * Holds out {@code fraction} of {@code data} (rounded up) for validation, with a fixed seed of
     * its own.
     *
     * @param data the training examples; not modified
     * @param fraction the share to hold out, in (0, 1)
     * @param by what holds it out, for the message, e.g. {@code --validation-split 0.5}
     * @return the rest as {@code train}, the held-out part as {@code test}
     * @throws DataException naming the data, its size and the largest fraction that works, if the
     *     fraction leaves no example to train on
     */
    public static DataSet.Split holdOut(DataSet data, double fraction, String by) {
        int n = data.size();
        int held = (int) Math.ceil(n * fraction);
        if (held >= n) {
            // ceil(n * f) <= n - 1 for every f <= (n - 1) / n; rounded down to two decimals, so that it works
            double largest = Math.floor((n - 1) * 100.0 / n) / 100;
            throw new DataException(data.name() + ": " + count(n, "training example")
                    + " cannot be split into training and validation examples by " + by + "; give more examples"
                    + (largest > 0 ? ", or a --validation-split of at most " + largest : "") + ".");
        }
        return data.split(held, Seeds.stream(SPLIT_SEED, "validation"));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static Path findFashionMnist() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("NNJ_DATA");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env, "fashion-mnist"));
        }
        candidates.add(Path.of("/usr/share/datasets/fashion-mnist"));
        for (Path dir : candidates) {
            if (Files.isRegularFile(dir.resolve(FASHION_TRAIN_IMAGES))) {
                return dir;
            }
        }
        throw new DataException("Fashion-MNIST not found; looked in " + candidates + " for " + FASHION_TRAIN_IMAGES
                + ". Pass --data fashion-mnist:DIR, set NNJ_DATA to a folder holding fashion-mnist/, or install "
                + "Debian's dataset-fashion-mnist package.");
    }
}
