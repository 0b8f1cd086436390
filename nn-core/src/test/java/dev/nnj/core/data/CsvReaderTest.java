package dev.nnj.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.DataException;
import dev.nnj.api.Shape;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.model.Sequential;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    private static DataSet read(String csv, boolean labels) {
        return CsvReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv", labels);
    }

    @Test
    void readsFeaturesAndLabelsSkippingAHeader() {
        DataSet d = read("a,b,label\n1,2,0\n\n3.5,-4,2\n", true);
        assertEquals(2, d.size());
        assertArrayEquals(new double[] {1, 2, 3.5, -4}, d.features().data(), 0.0);
        assertEquals(2, d.label(1));
        assertEquals(3, d.classCount());
    }

    @Test
    void readsARealValuedTargetForRegression() {
        DataSet d = read("0.5,1.25\n-1,2.5\n", false);
        assertFalse(d.hasLabels());
        assertArrayEquals(new double[] {1.25, 2.5}, d.targets().data(), 0.0);
    }

    @Test
    void reportsARowWithTheWrongNumberOfValues() {
        DataException e = assertThrows(DataException.class, () -> read("1,2,0\n1,2,3,1\n", true));
        assertEquals("t.csv line 2: expected 3 values like line 1, got 4.", e.getMessage());
    }

    @Test
    void reportsAValueThatIsNotANumber() {
        DataException e = assertThrows(DataException.class, () -> read("1,2,0\n1,x,1\n", true));
        assertEquals("t.csv line 2, column 2: 'x' is not a number.", e.getMessage());
    }

    @Test
    void reportsALabelThatIsNotAClass() {
        DataException e = assertThrows(DataException.class, () -> read("a,b,label\n1,2,0\n\n1,2,0.5\n", true));
        assertEquals("t.csv line 4 has label 0.5; a class label must be a whole number >= 0 (use a regression "
                + "loss for real-valued targets).", e.getMessage());
    }

    @Test
    void aLabelOutsideTheModelsClassesIsNamedByItsLine() {
        DataSet d = read("a,b,label\n1,2,0\n\n1,2,12\n", true).subset(new int[] {1}, "t.csv (test)");
        Sequential model = Sequential.builder(Shape.of(2)).add(new DenseLayer(2, 10), "layers.0", "layers[0] (dense)")
                .build();
        DataException e = assertThrows(DataException.class, () -> d.checkFits(model));
        assertEquals("t.csv line 4 has label 12, outside the model's 10 classes 0..9 (layers[0] (dense) has 10 "
                + "outputs); give the last layer more units or fix the labels.", e.getMessage());
    }

    @Test
    void reportsAMissingFileByItsPath(@TempDir Path dir) {
        Path missing = dir.resolve("missing.csv");
        DataException e = assertThrows(DataException.class, () -> CsvReader.read(missing, true));
        assertEquals("Data file not found: " + missing.toAbsolutePath() + ".", e.getMessage());
    }

    @Test
    void reportsATruncatedGzipFileByItsName(@TempDir Path dir) throws IOException {
        byte[] gz = Files.readAllBytes(dev.nnj.core.TestData.sharedData().resolve("digits/digits.csv.gz"));
        Path truncated = dir.resolve("digits.csv.gz");
        Files.write(truncated, java.util.Arrays.copyOf(gz, gz.length / 2));
        DataException e = assertThrows(DataException.class, () -> CsvReader.read(truncated, true));
        assertEquals("Cannot read " + truncated + " (truncated or corrupt?): Unexpected end of ZLIB input stream",
                e.getMessage());
    }

    @Test
    void reportsAnEmptyFile() {
        DataException e = assertThrows(DataException.class, () -> read("", true));
        assertEquals("t.csv: no examples found; expected lines of comma-separated numbers.", e.getMessage());
    }

    @Test
    void refusesALineOfMoreThanAMillionValuesBeforeSplittingIt() {
        String line = "1,".repeat(CsvTable.MAX_COLUMNS) + "0\n";
        String expected = "t.csv line 2: more than 1000000 values; nnj reads at most 1000000 columns (is this a CSV file?).";
        assertEquals(expected, assertThrows(DataException.class, () -> read("a,b\n" + line, true)).getMessage());
        assertEquals(expected, assertThrows(DataException.class, () -> CsvTable.read(new ByteArrayInputStream(
                ("a,b\n" + line).getBytes(StandardCharsets.UTF_8)), "t.csv")).getMessage());
    }
}
