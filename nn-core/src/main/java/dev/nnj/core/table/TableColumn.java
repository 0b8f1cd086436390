package dev.nnj.core.table;

import java.util.List;

/**
 * One column of a table as the model saw it in training.
 *
 * @param name the column's name (its header field, or {@code column_N} without a header)
 * @param kind what the column is to the model
 * @param mean numeric: the training mean subtracted (0 when not standardised); else 0
 * @param scale numeric: the divisor, the training standard deviation (1 when not standardised, or
 *     when the column is constant); else 1
 * @param fill numeric: the value a missing field gets when imputing, the training mean of the raw
 *     values; else NaN
 * @param categories categorical: the categories seen in training, sorted, one input slot each;
 *     else empty
 * @param fillCategory categorical: the most frequent training category (the first in sort order
 *     among equals), for imputing; else {@code null}
 */
public record TableColumn(String name, Kind kind, double mean, double scale, double fill, List<String> categories,
        String fillCategory) {

    /** What a column is to the model. */
    public enum Kind {
        /** A number: one input, standardised. */
        NUMERIC,
        /** A category: one-hot, one input per training category. */
        CATEGORICAL,
        /** Not seen by the model (ids, free text): skipped. */
        IGNORED,
        /** The label or regression target. */
        LABEL
    }

    /**
     * Copies the categories.
     *
     * @param name the column's name
     * @param kind what the column is to the model
     * @param mean numeric: the mean subtracted
     * @param scale numeric: the divisor
     * @param fill numeric: the imputed value
     * @param categories categorical: the sorted categories
     * @param fillCategory categorical: the imputed category
     */
    public TableColumn {
        categories = List.copyOf(categories);
    }

    /**
     * @param name the column's name
     * @return a column the model does not see
     */
    public static TableColumn ignored(String name) {
        return new TableColumn(name, Kind.IGNORED, 0, 1, Double.NaN, List.of(), null);
    }

    /**
     * @param name the column's name
     * @return the label column (its classes or scale are in {@link TableTarget})
     */
    public static TableColumn label(String name) {
        return new TableColumn(name, Kind.LABEL, 0, 1, Double.NaN, List.of(), null);
    }

    /**
     * @return how many model inputs the column fills: 1 numeric, one per category, 0 otherwise
     */
    public int width() {
        return switch (kind) {
            case NUMERIC -> 1;
            case CATEGORICAL -> categories.size();
            default -> 0;
        };
    }
}
