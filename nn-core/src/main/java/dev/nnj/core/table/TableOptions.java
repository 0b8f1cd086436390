package dev.nnj.core.table;

import dev.nnj.api.ModelConfigException;
import dev.nnj.core.registry.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a CSV table becomes the model's input: the {@code "table"} object of a model file, every
 * key optional.
 *
 * <pre>{@code
 * "table": {
 *   "label": "churn",                 // a column name, or its number counting from 1; default: the last column
 *   "ignore": ["id"],                 // columns the model does not see (ids, free text)
 *   "categorical": ["zip"],           // columns to one-hot although their values are numbers
 *   "numeric": [],                    // columns that must be numbers (an error names the first that is not)
 *   "missing": "error",               // or "impute": a column's training mean, or its most frequent category
 *   "unknownCategory": "error",       // or "ignore": a category unseen in training encodes as all zeros
 *   "standardize": true,              // numeric columns to mean 0, standard deviation 1 (training statistics)
 *   "standardizeTarget": true         // regression: train on the standardised target, predict in its units
 * }
 * }</pre>
 *
 * <p>Any other column is numeric when every value in the training rows is a number (missing values
 * aside), else categorical. A missing value is an empty field, {@code NA} or {@code ?}.
 *
 * @param label the label column's name, or {@code #N} for the N-th column (from 1); {@code null}
 *     for the last column
 * @param ignore the columns to leave out
 * @param categorical the columns to encode one-hot whatever their values
 * @param numeric the columns that must be numeric
 * @param impute whether missing values are filled in (else refused with the line and column)
 * @param ignoreUnknown whether an unseen category encodes as zeros (else refused with the line,
 *     column and value)
 * @param standardize whether numeric columns are standardised
 * @param standardizeTarget whether a regression target is standardised for training
 */
public record TableOptions(String label, List<String> ignore, List<String> categorical, List<String> numeric,
        boolean impute, boolean ignoreUnknown, boolean standardize, boolean standardizeTarget) {

    /** The options of a model file without a {@code "table"} object. */
    public static final TableOptions DEFAULTS = new TableOptions(null, List.of(), List.of(), List.of(), false, false,
            true, true);

    private static final Set<String> KEYS = Set.of("label", "ignore", "categorical", "numeric", "missing",
            "unknownCategory", "standardize", "standardizeTarget");

    /**
     * Copies the lists.
     *
     * @param label the label column's name, or {@code #N}; {@code null} for the last column
     * @param ignore the columns to leave out
     * @param categorical the columns to encode one-hot
     * @param numeric the columns that must be numeric
     * @param impute whether missing values are filled in
     * @param ignoreUnknown whether an unseen category encodes as zeros
     * @param standardize whether numeric columns are standardised
     * @param standardizeTarget whether a regression target is standardised for training
     */
    public TableOptions {
        ignore = List.copyOf(ignore);
        categorical = List.copyOf(categorical);
        numeric = List.copyOf(numeric);
    }

    /**
     * Reads the {@code "table"} object of a model file.
     *
     * @param value the JSON value: an object, or {@code null} for {@link #DEFAULTS}
     * @return the options
     * @throws ModelConfigException naming {@code table.<key>} for an unknown key or a value of the wrong kind
     */
    public static TableOptions parse(Object value) {
        if (value == null) {
            return DEFAULTS;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ModelConfigException("table: expected an object such as {\"label\": \"species\"}.");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new ModelConfigException("table: unknown key '" + key + "'."
                        + Suggestions.didYouMean(String.valueOf(key), KEYS) + " Known keys: "
                        + String.join(", ", new TreeSet<>(KEYS)) + ".");
            }
        }
        Object label = map.get("label");
        String labelName;
        if (label == null) {
            labelName = null;
        } else if (label instanceof String s && !s.isEmpty()) {
            labelName = s;
        } else if (label instanceof Integer n && n >= 1) {
            labelName = "#" + n;
        } else {
            throw new ModelConfigException("table.label: expected a column name or a column number >= 1, got " + label
                    + ".");
        }
        return new TableOptions(labelName, names(map, "ignore"), names(map, "categorical"), names(map, "numeric"),
                choice(map, "missing", "impute"), choice(map, "unknownCategory", "ignore"),
                flag(map, "standardize"), flag(map, "standardizeTarget"));
    }

    private static List<String> names(Map<?, ?> map, String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s) || s.isEmpty()) {
                    throw new ModelConfigException("table." + key + ": expected a list of column names, got " + v + ".");
                }
                out.add(s);
            }
            return out;
        }
        throw new ModelConfigException("table." + key + ": expected a list of column names such as [\"id\"], got " + v
                + ".");
    }

    private static boolean choice(Map<?, ?> map, String key, String other) {
        Object v = map.get(key);
        if (v == null || "error".equals(v)) {
            return false;
        }
        if (other.equals(v)) {
            return true;
        }
        throw new ModelConfigException("table." + key + ": expected \"error\" or \"" + other + "\", got " + v + ".");
    }

    private static boolean flag(Map<?, ?> map, String key) {
        Object v = map.get(key);
        if (v == null) {
            return true;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ModelConfigException("table." + key + ": expected true or false, got " + v + ".");
    }

    /**
     * These options as the {@code "table"} object of a model file, defaults left out.
     *
     * @return JSON-like values that {@link #parse} reads back to these options
     */
    public Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (label != null) {
            out.put("label", label.startsWith("#") ? (Object) Integer.valueOf(label.substring(1)) : label);
        }
        if (!ignore.isEmpty()) {
            out.put("ignore", ignore);
        }
        if (!categorical.isEmpty()) {
            out.put("categorical", categorical);
        }
        if (!numeric.isEmpty()) {
            out.put("numeric", numeric);
        }
        if (impute) {
            out.put("missing", "impute");
        }
        if (ignoreUnknown) {
            out.put("unknownCategory", "ignore");
        }
        if (!standardize) {
            out.put("standardize", false);
        }
        if (!standardizeTarget) {
            out.put("standardizeTarget", false);
        }
        return out;
    }

    /**
     * @param newLabel the label column's name, or {@code #N}
     * @return a copy with that label column
     */
    public TableOptions withLabel(String newLabel) {
        return new TableOptions(newLabel, ignore, categorical, numeric, impute, ignoreUnknown, standardize,
                standardizeTarget);
    }

    /**
     * @param newIgnore the columns to leave out
     * @param newCategorical the columns to encode one-hot
     * @param newNumeric the columns that must be numeric
     * @return a copy with those column lists
     */
    public TableOptions withColumns(List<String> newIgnore, List<String> newCategorical, List<String> newNumeric) {
        return new TableOptions(label, newIgnore, newCategorical, newNumeric, impute, ignoreUnknown, standardize,
                standardizeTarget);
    }

    /**
     * @param newImpute whether missing values are filled in (else refused)
     * @param newIgnoreUnknown whether an unseen category encodes as zeros (else refused)
     * @return a copy with those policies
     */
    public TableOptions withPolicies(boolean newImpute, boolean newIgnoreUnknown) {
        return new TableOptions(label, ignore, categorical, numeric, newImpute, newIgnoreUnknown, standardize,
                standardizeTarget);
    }
}
