package dev.nnj.core.table;

import dev.nnj.api.DataException;
import dev.nnj.core.data.CsvTable;
import dev.nnj.core.registry.Suggestions;
import dev.nnj.core.table.TableColumn.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Learns a {@link TableSchema} from training rows: column kinds, statistics, categories, classes. */
final class SchemaFit {
    /** The largest whole-number label taken as a class number: a model has one output per class. */
    static final int MAX_CLASS_NUMBER = 1_000_000;

    private SchemaFit() {
    }

    static TableSchema fit(CsvTable train, TableOptions options, boolean classification) {
        List<TableColumn> columns = columns(train, options);
        int labelIndex = labelIndex(train, options.label());
        TableTarget target = classification ? classes(train, labelIndex)
                : target(train, labelIndex, options.standardizeTarget());
        return new TableSchema(columns, target, train.hasHeader(), options.impute(), options.ignoreUnknown());
    }

    /**
     * Every column as the model's input sees it, the label marked but not learned: the input's
     * width does not depend on whether the label holds classes or a quantity.
     */
    static List<TableColumn> columns(CsvTable train, TableOptions options) {
        int labelIndex = labelIndex(train, options.label());
        Set<Integer> ignore = indices(train, options.ignore(), "ignore");
        Set<Integer> categorical = indices(train, options.categorical(), "categorical");
        Set<Integer> numeric = indices(train, options.numeric(), "numeric");
        for (int c : categorical) {
            if (numeric.contains(c)) {
                throw new DataException("Column '" + train.header().get(c) + "' is listed both as categorical and as "
                        + "numeric in the table options; give it once.");
            }
        }
        if (ignore.contains(labelIndex)) {
            throw new DataException("Column '" + train.header().get(labelIndex) + "' is the label and is also "
                    + "listed in the table's \"ignore\"; the label cannot be ignored.");
        }
        List<TableColumn> columns = new ArrayList<>();
        for (int c = 0; c < train.header().size(); c++) {
            String name = train.header().get(c);
            if (c == labelIndex) {
                columns.add(TableColumn.label(name));
            } else if (ignore.contains(c)) {
                columns.add(TableColumn.ignored(name));
            } else {
                columns.add(feature(train, c, options, categorical.contains(c), numeric.contains(c)));
            }
        }
        if (columns.stream().allMatch(col -> col.width() == 0)) {
            throw new DataException(train.source() + ": no column is left for the model's input (all are the label "
                    + "or ignored); the columns are " + String.join(", ", train.header()) + ".");
        }
        return columns;
    }

    private static int labelIndex(CsvTable table, String label) {
        if (label == null) {
            return table.header().size() - 1;
        }
        if (label.startsWith("#") && label.substring(1).chars().allMatch(Character::isDigit) && label.length() > 1) {
            int n = Integer.parseInt(label.substring(1));
            if (n < 1 || n > table.header().size()) {
                throw new DataException("The label is column " + n + " but " + table.source() + " has "
                        + table.header().size() + " columns.");
            }
            return n - 1;
        }
        return named(table, label, "the label");
    }

    private static Set<Integer> indices(CsvTable table, List<String> names, String key) {
        Set<Integer> out = new HashSet<>();
        for (String name : names) {
            out.add(named(table, name, "listed in \"" + key + "\""));
        }
        return out;
    }

    private static int named(CsvTable table, String name, String role) {
        return table.column(name).orElseThrow(() -> new DataException(table.source() + " has no column '" + name
                + "' (" + role + ", from the command line or the model file's \"table\")."
                + Suggestions.didYouMean(name, table.header()) + " Its columns: " + String.join(", ", table.header())
                + "." + (table.hasHeader() ? "" : " It has no header line, so give columns by number (--label 3).")));
    }

    private static TableColumn feature(CsvTable t, int c, TableOptions options, boolean forceCategorical,
            boolean forceNumeric) {
        String name = t.header().get(c);
        List<String> present = new ArrayList<>();
        boolean allNumbers = true;
        int firstNonNumber = -1;
        for (int r = 0; r < t.size(); r++) {
            String cell = t.cell(r, c);
            if (TableSchema.isMissing(cell)) {
                if (!options.impute()) {
                    throw TableSchema.missing(t, r, c, name, cell);
                }
                continue;
            }
            present.add(cell);
            if (allNumbers && !isFinite(cell)) {
                allNumbers = false;
                firstNonNumber = r;
            }
        }
        if (present.isEmpty()) {
            throw new DataException(t.source() + ": column " + (c + 1) + " (" + name + ") has no value in the "
                    + t.size() + " training rows; fill it in, or list it in the table's \"ignore\".");
        }
        if (forceNumeric && !allNumbers) {
            throw new DataException(t.source() + " line " + t.line(firstNonNumber) + ", column " + (c + 1) + " (" + name
                    + "): '" + t.cell(firstNonNumber, c) + "' is not a number, but the column is listed as numeric.");
        }
        if (forceCategorical || !allNumbers) {
            TreeMap<String, Integer> counts = new TreeMap<>();
            for (String v : present) {
                counts.merge(v, 1, Integer::sum);
            }
            String mode = counts.firstKey();
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                if (e.getValue() > counts.get(mode)) {
                    mode = e.getKey();
                }
            }
            return new TableColumn(name, Kind.CATEGORICAL, 0, 1, Double.NaN, List.copyOf(counts.keySet()), mode);
        }
        double[] v = present.stream().mapToDouble(Double::parseDouble).toArray();
        double mean = mean(v);
        double sd = sd(v, mean);
        boolean scale = options.standardize();
        return new TableColumn(name, Kind.NUMERIC, scale ? mean : 0, scale && sd > 0 ? sd : 1, mean, List.of(), null);
    }

    private static TableTarget classes(CsvTable t, int c) {
        Set<String> seen = new HashSet<>();
        boolean numbered = true;
        int largest = 0;
        int largestRow = 0;
        for (int r = 0; r < t.size(); r++) {
            String cell = t.cell(r, c);
            checkLabelPresent(t, r, c, cell);
            seen.add(cell);
            Integer k = wholeNumber(cell);
            if (k == null) {
                numbered = false;
            } else if (k > largest) {
                largest = k;
                largestRow = r;
            }
        }
        if (numbered && largest > MAX_CLASS_NUMBER) {
            throw new DataException(t.source() + " line " + t.line(largestRow) + ", column " + (c + 1) + " ("
                    + t.header().get(c) + "): class " + largest + " is larger than the "
                    + String.format(Locale.ROOT, "%,d", MAX_CLASS_NUMBER) + " classes nnj numbers (whole-number "
                    + "labels are class numbers, one model output each); fix the label, or use a regression loss if "
                    + "the column is a quantity.");
        }
        List<String> classes = new ArrayList<>();
        if (numbered) {
            for (int k = 0; k <= largest; k++) {
                classes.add(Integer.toString(k));
            }
        } else {
            classes.addAll(new java.util.TreeSet<>(seen));
        }
        return new TableTarget(t.header().get(c), true, numbered, classes, 0, 1);
    }

    private static TableTarget target(CsvTable t, int c, boolean standardize) {
        double[] v = new double[t.size()];
        for (int r = 0; r < t.size(); r++) {
            String cell = t.cell(r, c);
            checkLabelPresent(t, r, c, cell);
            v[r] = TableSchema.targetValue(t, r, c);
        }
        double mean = mean(v);
        double sd = sd(v, mean);
        return new TableTarget(t.header().get(c), false, false, List.of(), standardize ? mean : 0,
                standardize && sd > 0 ? sd : 1);
    }

    static void checkLabelPresent(CsvTable t, int r, int c, String cell) {
        if (TableSchema.isMissing(cell)) {
            throw new DataException(t.source() + " line " + t.line(r) + ", column " + (c + 1) + " ("
                    + t.header().get(c) + "): the label is missing; every row to train or evaluate on needs one.");
        }
    }

    /** @return the value if {@code s} is a whole number in [0, 2^31), written as digits; else null */
    static Integer wholeNumber(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long v = Long.parseLong(s);
        return v <= Integer.MAX_VALUE ? (int) v : null;
    }

    static boolean isFinite(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The population standard deviation (ddof 0), as scikit-learn's StandardScaler uses. */
    private static double sd(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / v.length);
    }

    static Map<String, Integer> positions(List<String> values) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            out.put(values.get(i), i);
        }
        return out;
    }
}
