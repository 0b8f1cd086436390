package dev.nnj.core.data;

import dev.nnj.api.DataException;
import dev.nnj.api.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads comma-separated examples: every column but the last is a feature, the last is the label
 * (a whole number >= 0) or, for regression, a real-valued target. Values are taken as they are. A
 * first line that is not numeric is a header and is skipped; blank lines are skipped; gzipped files
 * are read too.
 */
public final class CsvReader {
    private CsvReader() {
    }

    /**
     * Reads a CSV file of examples, gzipped or not.
     *
     * @param file the CSV file ({@code .csv} or gzipped)
     * @param labels {@code true} for class labels, {@code false} for a regression target
     * @return the examples: features [n, columns - 1] and labels, or targets [n, 1]
     * @throws DataException naming the file and line of the first problem
     */
    public static DataSet read(Path file, boolean labels) {
        try (InputStream in = DataFiles.open(file)) {
            return read(in, file.toString(), labels);
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #read(Path, boolean)}, from a stream (e.g. a resource).
     *
     * @param stream the CSV text, gzipped or not; read to the end and closed
     * @param name the name of the data, used in messages and as the data set's name
     * @param labels {@code true} for class labels, {@code false} for a regression target
     * @return the examples: features [n, columns - 1] and labels, or targets [n, 1]; each example's
     *     {@link DataSet#origin() origin} is its line
     * @throws DataException naming {@code name} and the line of the first problem
     */
    public static DataSet read(InputStream stream, String name, boolean labels) {
        List<Integer> lines = new ArrayList<>();
        List<double[]> rows = rows(stream, name, 2, "features followed by a label (or target) in the last column",
                lines);
        int[] at = lines.stream().mapToInt(Integer::intValue).toArray();
        return toDataSet(rows, rows.get(0).length, name, labels, at).withOrigin(Origin.lines(name, at));
    }

    /**
     * Reads examples to predict: every column is a feature (no label). A non-numeric first line is
     * a header.
     *
     * @param file the CSV file ({@code .csv} or gzipped)
     * @return [n, columns] the features, one row per example
     * @throws DataException naming the file and line of the first problem
     */
    public static Tensor readFeatures(Path file) {
        try (InputStream in = DataFiles.open(file)) {
            return Tensor.of(rows(in, file.toString(), 1, "features", new ArrayList<>()).toArray(new double[0][]));
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param lines receives the line (from 1) of each row returned
     * @return the numeric rows, all of one width (at least {@code minColumns}); a non-numeric first
     *     line is a header, blank lines are skipped
     * @throws DataException naming {@code name} and the line of the first problem, or if there is no row
     */
    private static List<double[]> rows(InputStream stream, String name, int minColumns, String expected,
            List<Integer> lines) {
        List<double[]> rows = new ArrayList<>();
        int columnsLine = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                DataFiles.decompressIfGzip(stream, name), StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.chars().filter(ch -> ch == ',').count() >= CsvTable.MAX_COLUMNS) {
                    throw CsvTable.tooManyColumns(name, lineNo);
                }
                String[] cells = line.split(",", -1);
                if (lineNo == 1 && !isNumber(cells[0].strip())) {
                    continue;
                }
                if (rows.isEmpty()) {
                    columnsLine = lineNo;
                    if (cells.length < minColumns) {
                        throw new DataException(name + " line " + lineNo + ": found " + cells.length
                                + " column; expected " + expected + ".");
                    }
                } else if (cells.length != rows.get(0).length) {
                    throw new DataException(name + " line " + lineNo + ": expected " + rows.get(0).length
                            + " values like line " + columnsLine + ", got " + cells.length + ".");
                }
                rows.add(parse(cells, name, lineNo));
                lines.add(lineNo);
            }
        } catch (IOException e) {
            throw new DataException("Cannot read " + name + " (truncated or corrupt?): " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new DataException(name + ": no examples found; expected lines of comma-separated numbers.");
        }
        return rows;
    }

    private static double[] parse(String[] cells, String name, int lineNo) {
        double[] values = new double[cells.length];
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c].strip();
            try {
                values[c] = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new DataException(name + " line " + lineNo + ", column " + (c + 1) + ": '" + cell
                        + "' is not a number.");
            }
            if (!Double.isFinite(values[c])) {
                throw new DataException(name + " line " + lineNo + ", column " + (c + 1) + ": '" + cell
                        + "' is not a finite number.");
            }
        }
        return values;
    }

    private static DataSet toDataSet(List<double[]> rows, int columns, String name, boolean labels, int[] lines) {
        int f = columns - 1;
        Tensor x = Tensor.zeros(rows.size(), f);
        int[] l = new int[rows.size()];
        Tensor y = Tensor.zeros(rows.size(), 1);
        for (int i = 0; i < rows.size(); i++) {
            double[] row = rows.get(i);
            System.arraycopy(row, 0, x.data(), i * f, f);
            double last = row[f];
            if (labels && (last != Math.rint(last) || last < 0 || last > Integer.MAX_VALUE)) {
                throw new DataException(name + " line " + lines[i] + " has label " + last
                        + "; a class label must be a whole number >= 0 (use a regression loss for real-valued targets).");
            }
            l[i] = (int) last;
            y.data()[i] = last;
        }
        return labels ? DataSet.classification(name, x, l) : DataSet.regression(name, x, y);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
