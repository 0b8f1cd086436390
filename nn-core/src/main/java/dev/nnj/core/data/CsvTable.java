package dev.nnj.core.data;

import dev.nnj.api.DataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A CSV file as text cells, before any column is given a meaning: the header (or, without one,
 * {@code column_1} ...), the rows, and the line each row came from, for messages. A first line
 * with a field that is not a number is the header; blank lines are skipped; a field may be quoted
 * with {@code "} (a quote inside doubled, as RFC 4180 has it); fields are stripped of surrounding
 * blanks; gzipped files are read too. {@link dev.nnj.core.table.TableSchema} gives the columns
 * their meaning.
 */
public final class CsvTable {
    /** The most fields a line may hold; a longer line is refused before it is split. */
    static final int MAX_COLUMNS = 1_000_000;

    private final String source;
    private final List<String> header;
    private final boolean hasHeader;
    private final List<String[]> rows;
    private final int[] lines;

    private CsvTable(String source, List<String> header, boolean hasHeader, List<String[]> rows, int[] lines) {
        this.source = source;
        this.header = List.copyOf(header);
        this.hasHeader = hasHeader;
        this.rows = rows;
        this.lines = lines;
    }

    /**
     * Reads a CSV file, gzipped or not.
     *
     * @param file the file
     * @return its header and rows
     * @throws DataException naming the file and line of the first problem: a row of another width
     *     than the header, an unclosed quote, no row at all
     */
    public static CsvTable read(Path file) {
        try (InputStream in = DataFiles.open(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #read(Path)}, from a stream (e.g. a resource).
     *
     * @param stream the CSV text, gzipped or not; read to the end, not closed
     * @param source the name used in messages
     * @return its header and rows
     * @throws DataException naming {@code source} and the line of the first problem
     */
    public static CsvTable read(InputStream stream, String source) {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> header = null;
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(
                    DataFiles.decompressIfGzip(stream, source), StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line, source, lineNo);
                if (header == null && rows.isEmpty() && Arrays.stream(cells).anyMatch(c -> !isNumber(c))) {
                    header = List.of(cells);
                    checkHeader(header, source, lineNo);
                    continue;
                }
                int width = header != null ? header.size() : rows.isEmpty() ? cells.length : rows.get(0).length;
                if (cells.length != width) {
                    throw new DataException(source + " line " + lineNo + ": expected " + width + " values"
                            + (header != null ? " like the header" : " like line " + lines.get(0)) + ", got "
                            + cells.length + ".");
                }
                rows.add(cells);
                lines.add(lineNo);
            }
        } catch (IOException e) {
            throw new DataException("Cannot read " + source + " (truncated or corrupt?): " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new DataException(source + ": no rows found; expected comma-separated values, one example per line.");
        }
        boolean named = header != null;
        if (!named) {
            header = new ArrayList<>();
            for (int c = 1; c <= rows.get(0).length; c++) {
                header.add("column_" + c);
            }
        }
        return new CsvTable(source, header, named, rows, lines.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * A table from rows in memory (a database query's, say), to train on or predict from as a CSV
     * file's. Messages call row i (from 1) its line.
     *
     * @param source the name used in messages, e.g. {@code customers query}
     * @param header the column names, distinct and not empty
     * @param rows the fields of each row, each as long as {@code header}; copied (the arrays too)
     * @return the table
     * @throws DataException for a bad header, a row of another width, or no row at all
     */
    public static CsvTable of(String source, List<String> header, List<String[]> rows) {
        checkHeader(header, source, 0);
        if (rows.isEmpty()) {
            throw new DataException(source + ": no rows.");
        }
        List<String[]> copy = new ArrayList<>(rows.size());
        int[] lines = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            if (row.length != header.size()) {
                throw new DataException(source + " line " + (r + 1) + ": expected " + header.size()
                        + " values like the header, got " + row.length + ".");
            }
            String[] cells = row.clone();
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cells[c] == null ? "" : cells[c].strip();
            }
            copy.add(cells);
            lines[r] = r + 1;
        }
        return new CsvTable(source, header, true, copy, lines);
    }

    private static void checkHeader(List<String> header, String source, int lineNo) {
        String where = source + (lineNo > 0 ? " line " + lineNo + " (the header)" : " (the header)");
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c) == null || header.get(c).isEmpty()) {
                throw new DataException(where + ": column " + (c + 1)
                        + " has no name; every column of a header needs one.");
            }
            int first = header.indexOf(header.get(c));
            if (first != c) {
                throw new DataException(where + ": columns " + (first + 1) + " and "
                        + (c + 1) + " are both named '" + header.get(c) + "'; column names must differ.");
            }
        }
    }

    /** Splits one line into fields: commas outside quotes; {@code ""} inside quotes is a quote. */
    private static String[] split(String line, String source, int lineNo) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                cell.setLength(0);
            } else if (ch == ',') {
                if (cells.size() == MAX_COLUMNS - 1) {
                    throw tooManyColumns(source, lineNo);
                }
                cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
                cell.setLength(0);
                wasQuoted = false;
            } else if (!(wasQuoted && Character.isWhitespace(ch))) {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new DataException(source + " line " + lineNo + ": a quoted field is not closed (a field that "
                    + "holds a line break is not supported).");
        }
        cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
        return cells.toArray(new String[0]);
    }

    /** The error for a line of more than {@link #MAX_COLUMNS} fields, named by its source and line. */
    static DataException tooManyColumns(String source, int lineNo) {
        return new DataException(source + " line " + lineNo + ": more than " + MAX_COLUMNS + " values; nnj reads at "
                + "most " + MAX_COLUMNS + " columns (is this a CSV file?).");
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * @return the name used in messages, e.g. the file's path
     */
    public String source() {
        return source;
    }

    /**
     * @return the column names: the header's, or {@code column_1}, {@code column_2} ... without one
     */
    public List<String> header() {
        return header;
    }

    /**
     * @return whether the file had a header line (else the columns are known by position only)
     */
    public boolean hasHeader() {
        return hasHeader;
    }

    /**
     * @return the number of rows (examples)
     */
    public int size() {
        return rows.size();
    }

    /**
     * @param row a row index in [0, {@link #size()})
     * @param column a column index in [0, {@code header().size()})
     * @return the field, stripped of surrounding blanks (quotes removed)
     */
    public String cell(int row, int column) {
        return rows.get(row)[column];
    }

    /**
     * @param row a row index in [0, {@link #size()})
     * @return the line of the file the row was read from (counting from 1), for messages
     */
    public int line(int row) {
        return lines[row];
    }

    /**
     * @param name a column name
     * @return its index, if the header has it
     */
    public Optional<Integer> column(String name) {
        int i = header.indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(i);
    }

    /**
     * The rows at {@code indices}, in that order, keeping their line numbers.
     *
     * @param indices row indices in [0, {@link #size()})
     * @param subsetSource the name of the new table, for messages
     * @return a table of those rows
     */
    public CsvTable subset(int[] indices, String subsetSource) {
        List<String[]> picked = new ArrayList<>(indices.length);
        int[] pickedLines = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked.add(rows.get(indices[i]));
            pickedLines[i] = lines[indices[i]];
        }
        return new CsvTable(subsetSource, header, hasHeader, picked, pickedLines);
    }

    /**
     * Shuffles the rows with {@code random} and splits them as {@link DataSet#split} does: the same
     * seed picks the same rows, so a table and the data set encoded from it split alike.
     *
     * @param testCount rows to hold out, in [1, {@link #size()})
     * @param random the source of the shuffle
     * @return the rest, then the held-out rows; both keep the source's name for messages
     * @throws DataException if {@code testCount} leaves no row on one side
     */
    public Split split(int testCount, RandomGenerator random) {
        if (testCount < 1 || testCount >= size()) {
            throw new DataException(source + ": " + size() + " row" + (size() == 1 ? "" : "s")
                    + " cannot be split into training and test rows; give more rows, or a separate --test-data file.");
        }
        int[] order = Shuffle.permutation(size(), random);
        int trainCount = size() - testCount;
        return new Split(subset(Arrays.copyOfRange(order, 0, trainCount), source),
                subset(Arrays.copyOfRange(order, trainCount, size()), source));
    }

    /**
     * Two parts of a table.
     *
     * @param train the rows to train on
     * @param test the held-out rows
     */
    public record Split(CsvTable train, CsvTable test) {
    }

    @Override
    public String toString() {
        return source + " (" + size() + " rows of " + header.size() + " columns)";
    }
}
