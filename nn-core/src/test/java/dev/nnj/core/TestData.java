package dev.nnj.core;

import dev.nnj.core.data.CsvReader;
import dev.nnj.core.data.DataSet;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared data sets beside the repository (system property {@code nnj.shared.data}, set by the build). */
public final class TestData {
    private TestData() {
    }

    public static Path sharedData() {
        Path dir = Path.of(System.getProperty("nnj.shared.data", "../../shared/data"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("The shared data sets are not at " + dir.toAbsolutePath()
                    + "; run the tests through Maven from a clone that has shared/ beside it.");
        }
        return dir;
    }

    /** @return the 1,797 UCI digits, pixels scaled to [0, 1] */
    public static DataSet digits() {
        DataSet d = CsvReader.read(sharedData().resolve("digits/digits.csv.gz"), true);
        double[] x = d.features().data();
        for (int i = 0; i < d.features().size(); i++) {
            x[i] /= 16.0;
        }
        return d;
    }
}
