package dev.nnj.core.table;

import dev.nnj.api.DataException;
import dev.nnj.api.Tensor;
import dev.nnj.core.data.CsvTable;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.data.Origin;
import dev.nnj.core.table.TableColumn.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a model learned about its table: every column's kind, the numeric columns' means and
 * standard deviations, the categories of the categorical columns, the classes (or the target's
 * scale) of the label, all from the training rows only. It turns raw rows into the model's input:
 * numeric columns standardised, categorical ones one-hot (in the order of the training file's
 * columns; categories sorted), ignored columns skipped. Saved in a {@code .nnj} file as
 * {@code table.json}, so that a saved model takes raw rows. Immutable; safe to share between
 * threads.
 */
public final class TableSchema {
    /** The fields read as a missing value: an empty field, {@code NA} and {@code ?}. */
    public static final Set<String> MISSING = Set.of("", "NA", "?");

    private final List<TableColumn> columns;
    private final TableTarget target;
    private final boolean header;
    private final boolean impute;
    private final boolean ignoreUnknown;
    private final List<Map<String, Integer>> slots;
    private final Map<String, Integer> classIndex;

    /**
     * A schema as learned, or as read back from a {@code .nnj} file.
     *
     * @param columns every column of the training file, in its order, exactly one of them the label
     * @param target the label column as learned
     * @param header whether the training file had a header (else columns are matched by position)
     * @param impute whether missing values are filled in
     * @param ignoreUnknown whether an unseen category encodes as zeros
     * @throws IllegalArgumentException if no column or more than one is the label
     */
    public TableSchema(List<TableColumn> columns, TableTarget target, boolean header, boolean impute,
            boolean ignoreUnknown) {
        this.columns = List.copyOf(columns);
        this.target = Objects.requireNonNull(target, "target is null");
        this.header = header;
        this.impute = impute;
        this.ignoreUnknown = ignoreUnknown;
        if (this.columns.stream().filter(c -> c.kind() == Kind.LABEL).count() != 1) {
            throw new IllegalArgumentException("A table schema has exactly one label column.");
        }
        List<Map<String, Integer>> s = new ArrayList<>();
        for (TableColumn c : this.columns) {
            s.add(SchemaFit.positions(c.categories()));
        }
        this.slots = s;
        this.classIndex = SchemaFit.positions(target.classes());
    }

    /**
     * Learns a schema from training rows.
     *
     * @param train the training rows only (never the test rows); not modified
     * @param options the model file's {@code "table"} options
     * @param classification whether the label holds classes (the loss says), else a numeric target
     * @return the schema
     * @throws DataException naming the file, line and column: an unknown column name, a missing
     *     value (unless imputing), a non-number in a numeric column, a missing label
     */
    public static TableSchema fit(CsvTable train, TableOptions options, boolean classification) {
        return SchemaFit.fit(train, options, classification);
    }

    /**
     * The model inputs a table gives, without learning its label: one per numeric column, one per
     * category. What the label holds (classes or a quantity) does not change it, so a caller can
     * size a model before its loss says which.
     *
     * @param train the training rows only; not modified
     * @param options the model file's {@code "table"} options
     * @return the inputs' width and how it is made up, e.g. {@code 3 numeric, 8 one-hot}
     * @throws DataException as {@link #fit} does for the input columns
     */
    public static Inputs inputs(CsvTable train, TableOptions options) {
        List<TableColumn> columns = SchemaFit.columns(train, options);
        int numeric = (int) columns.stream().filter(c -> c.kind() == Kind.NUMERIC).count();
        return new Inputs(columns.stream().mapToInt(TableColumn::width).sum(), numeric);
    }

    /**
     * The inputs a table gives.
     *
     * @param width all inputs
     * @param numeric those of numeric columns (the rest are one-hot)
     */
    public record Inputs(int width, int numeric) {
        @Override
        public String toString() {
            return numeric + " numeric, " + (width - numeric) + " one-hot";
        }
    }

    /**
     * @return every column of the training file, in its order
     */
    public List<TableColumn> columns() {
        return columns;
    }

    /**
     * @return the label column as learned
     */
    public TableTarget target() {
        return target;
    }

    /**
     * @return whether the training file had a header line
     */
    public boolean header() {
        return header;
    }

    /**
     * @return whether missing values are filled in (else refused)
     */
    public boolean impute() {
        return impute;
    }

    /**
     * @return whether a category unseen in training encodes as all zeros (else it is refused)
     */
    public boolean ignoreUnknown() {
        return ignoreUnknown;
    }

    /**
     * @return the number of model inputs: one per numeric column, one per category
     */
    public int width() {
        return columns.stream().mapToInt(TableColumn::width).sum();
    }

    /**
     * @return the name of every model input, in order: {@code income}, {@code region=north} ...
     */
    public List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (TableColumn c : columns) {
            if (c.kind() == Kind.NUMERIC) {
                names.add(c.name());
            }
            for (String category : c.categories()) {
                names.add(c.name() + "=" + category);
            }
        }
        return names;
    }

    /**
     * Encodes rows with their labels, to train or evaluate on.
     *
     * @param table the rows, with the columns the model was trained on (by name when both have a
     *     header, else by position); other columns are skipped
     * @return the examples: inputs [n, {@link #width()}] and class indices, or the (standardised)
     *     target [n, 1]; each example's {@link DataSet#origin() origin} is its row's line
     * @throws DataException naming the file, line and column: a missing column or label, a missing
     *     value (unless imputing), an unseen category (unless ignored) or class, a non-number
     */
    public DataSet encode(CsvTable table) {
        int[] at = locate(table, true);
        Tensor x = features(table, at);
        int labelAt = at[labelColumn()];
        if (target.classification()) {
            int[] labels = new int[table.size()];
            for (int r = 0; r < table.size(); r++) {
                labels[r] = classOf(table, r, labelAt);
            }
            return DataSet.classification(table.source(), x, labels).withOrigin(origin(table));
        }
        Tensor y = Tensor.zeros(table.size(), 1);
        for (int r = 0; r < table.size(); r++) {
            SchemaFit.checkLabelPresent(table, r, labelAt, table.cell(r, labelAt));
            y.data()[r] = (targetValue(table, r, labelAt) - target.mean()) / target.scale();
        }
        return DataSet.regression(table.source(), x, y).withOrigin(origin(table));
    }

    /** @return each row's line in the table's file; the lines are copied, so the cells can be collected */
    private static Origin origin(CsvTable table) {
        int[] lines = new int[table.size()];
        for (int r = 0; r < lines.length; r++) {
            lines[r] = table.line(r);
        }
        return Origin.lines(table.source(), lines);
    }

    /**
     * Encodes rows to predict; the label column may be absent (and is not read).
     *
     * @param table the rows
     * @return [n, {@link #width()}] the model's inputs
     * @throws DataException naming the file, line and column of the first problem
     */
    public Tensor encodeFeatures(CsvTable table) {
        return features(table, locate(table, false));
    }

    private int labelColumn() {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).kind() == Kind.LABEL) {
                return c;
            }
        }
        throw new IllegalStateException("no label column");
    }

    /** @return for each schema column, its index in {@code table}, or -1 (an absent label when not needed) */
    private int[] locate(CsvTable table, boolean needLabel) {
        int[] at = new int[columns.size()];
        int label = labelColumn();
        if (header && table.hasHeader()) {
            for (int c = 0; c < columns.size(); c++) {
                TableColumn col = columns.get(c);
                at[c] = table.column(col.name()).orElse(-1);
                if (at[c] < 0 && col.kind() != Kind.IGNORED && (col.kind() != Kind.LABEL || needLabel)) {
                    throw new DataException(table.source() + " has no column '" + col.name() + "', "
                            + (col.kind() == Kind.LABEL ? "the label this model was trained on; it is needed to "
                                    + "evaluate (predict takes rows without it)."
                                    : "which this model takes as input.")
                            + " Its columns: " + String.join(", ", table.header()) + ".");
                }
            }
            return at;
        }
        int width = table.header().size();
        boolean withLabel = width == columns.size();
        if (!withLabel && (needLabel || width != columns.size() - 1)) {
            throw new DataException(table.source() + ": " + width + " columns, but this model was trained on a table "
                    + "of " + columns.size() + " columns" + (needLabel ? "" : " (or " + (columns.size() - 1)
                    + " without the label)") + (header ? ": " + String.join(", ", names()) : "")
                    + ". Give the same columns, or a header line naming them.");
        }
        for (int c = 0, t = 0; c < columns.size(); c++) {
            at[c] = c == label && !withLabel ? -1 : t++;
        }
        return at;
    }

    private List<String> names() {
        return columns.stream().map(TableColumn::name).toList();
    }

    private Tensor features(CsvTable table, int[] at) {
        int w = width();
        Tensor x = Tensor.zeros(table.size(), w);
        double[] d = x.data();
        for (int r = 0; r < table.size(); r++) {
            int slot = r * w;
            for (int c = 0; c < columns.size(); c++) {
                TableColumn col = columns.get(c);
                if (col.kind() == Kind.NUMERIC) {
                    d[slot++] = (number(table, r, at[c], col) - col.mean()) / col.scale();
                } else if (col.kind() == Kind.CATEGORICAL) {
                    Integer k = category(table, r, at[c], c);
                    if (k != null) {
                        d[slot + k] = 1;
                    }
                    slot += col.width();
                }
            }
        }
        return x;
    }

    private double number(CsvTable table, int r, int tc, TableColumn col) {
        String cell = table.cell(r, tc);
        if (isMissing(cell)) {
            if (!impute) {
                throw missing(table, r, tc, col.name(), cell);
            }
            return col.fill();
        }
        try {
            double v = Double.parseDouble(cell);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataException(where(table, r, tc, col.name()) + "'" + cell + "' is not a number; this model takes "
                + col.name() + " as a numeric column.");
    }

    private Integer category(CsvTable table, int r, int tc, int c) {
        TableColumn col = columns.get(c);
        String cell = table.cell(r, tc);
        if (isMissing(cell)) {
            if (!impute) {
                throw missing(table, r, tc, col.name(), cell);
            }
            cell = col.fillCategory();
        }
        Integer k = slots.get(c).get(cell);
        if (k == null && !ignoreUnknown) {
            throw new DataException(where(table, r, tc, col.name()) + "category '" + cell + "' was not in the training "
                    + "data (known: " + list(col.categories()) + "). Correct it, or train with \"table\": "
                    + "{\"unknownCategory\": \"ignore\"} to encode unseen categories as all zeros.");
        }
        return k;
    }

    private int classOf(CsvTable table, int r, int tc) {
        String cell = table.cell(r, tc);
        SchemaFit.checkLabelPresent(table, r, tc, cell);
        Integer k = target.numbered() ? SchemaFit.wholeNumber(cell) : classIndex.get(cell);
        if (k == null) {
            throw new DataException(where(table, r, tc, target.name()) + "class '" + cell + "' "
                    + (target.numbered() ? "is not a whole number >= 0, as the training labels were"
                            : "was not in the training data (classes: " + list(target.classes()) + ")")
                    + ".");
        }
        return k;
    }

    static double targetValue(CsvTable t, int r, int c) {
        String cell = t.cell(r, c);
        if (!SchemaFit.isFinite(cell)) {
            throw new DataException(where(t, r, c, t.header().get(c)) + "'" + cell + "' is not a number; a regression "
                    + "target must be one (use a classification loss for classes).");
        }
        return Double.parseDouble(cell);
    }

    static double rawNumber(CsvTable t, int r, int c) {
        String cell = t.cell(r, c);
        if (!SchemaFit.isFinite(cell)) {
            throw new DataException(where(t, r, c, t.header().get(c)) + "'" + cell + "' is not a number; this model "
                    + "was trained on numbers, not on a table, so every column must be one.");
        }
        return Double.parseDouble(cell);
    }

    static boolean isMissing(String cell) {
        return MISSING.contains(cell);
    }

    static DataException missing(CsvTable t, int r, int c, String name, String cell) {
        return new DataException(where(t, r, c, name) + "missing value (" + (cell.isEmpty() ? "an empty field"
                : "'" + cell + "'") + "). Fill it in, or train with \"table\": {\"missing\": \"impute\"} in the model "
                + "file to use the column's training mean (the most frequent category for a categorical column).");
    }

    private static String where(CsvTable t, int r, int c, String name) {
        return t.source() + " line " + t.line(r) + ", column " + (c + 1) + " (" + name + "): ";
    }

    private static String list(List<String> values) {
        int shown = Math.min(values.size(), 10);
        return String.join(", ", values.subList(0, shown)) + (shown < values.size() ? ", ... ("
                + values.size() + " in all)" : "");
    }

    @Override
    public String toString() {
        long numeric = columns.stream().filter(c -> c.kind() == Kind.NUMERIC).count();
        long categorical = columns.stream().filter(c -> c.kind() == Kind.CATEGORICAL).count();
        long ignored = columns.stream().filter(c -> c.kind() == Kind.IGNORED).count();
        List<String> parts = new ArrayList<>();
        parts.add(numeric + " numeric");
        if (categorical > 0) {
            parts.add(categorical + " categorical (" + (width() - numeric) + " one-hot inputs)");
        }
        if (ignored > 0) {
            parts.add(ignored + " ignored");
        }
        return String.join(", ", parts) + " column" + (numeric + categorical + ignored == 1 ? "" : "s") + "; label '"
                + target.name() + "' (" + (target.classification() ? target.classes().size() + " classes"
                        : "regression target") + ")";
    }
}
