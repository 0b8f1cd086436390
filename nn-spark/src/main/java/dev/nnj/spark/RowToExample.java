package dev.nnj.spark;

import dev.nnj.api.DataException;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Row;

/**
 * Turns a row of a Spark SQL table into an {@link Example}: the features from one array column or
 * from several numeric columns, the target from the label column. Runs on the executors; a missing
 * value is a {@link DataException} naming the file and column.
 */
final class RowToExample implements Function<Row, Example> {
    private static final long serialVersionUID = 1L;

    private final int[] featureColumns;
    private final boolean arrayColumn;
    private final int labelColumn;
    private final int fileColumn;
    private final String[] names;
    private final Targets targets;
    private final int inputs;

    /**
     * @param featureColumns the column positions of the features: one array column, or one per value
     * @param arrayColumn whether the single feature column holds an array
     * @param fileColumn the position of the column with the input file's name
     */
    RowToExample(int[] featureColumns, boolean arrayColumn, int labelColumn, int fileColumn, String[] names,
            Targets targets, int inputs) {
        this.featureColumns = featureColumns;
        this.arrayColumn = arrayColumn;
        this.labelColumn = labelColumn;
        this.fileColumn = fileColumn;
        this.names = names;
        this.targets = targets;
        this.inputs = inputs;
    }

    @Override
    public Example call(Row row) {
        double[] features;
        if (arrayColumn) {
            if (row.isNullAt(featureColumns[0])) {
                throw new DataException(row.getString(fileColumn) + ": a row without features (column '"
                        + names[featureColumns[0]] + "' is null).");
            }
            List<Object> values = row.getList(featureColumns[0]);
            if (values.size() != inputs) {
                throw new DataException(row.getString(fileColumn) + ": a row whose column '" + names[featureColumns[0]]
                        + "' holds " + values.size() + " values; the model's input takes " + inputs + ".");
            }
            features = new double[values.size()];
            for (int i = 0; i < features.length; i++) {
                features[i] = number(row, values.get(i), featureColumns[0], i);
            }
        } else {
            features = new double[featureColumns.length];
            for (int i = 0; i < features.length; i++) {
                features[i] = number(row, row.get(featureColumns[i]), featureColumns[i], -1);
            }
        }
        double label = number(row, row.get(labelColumn), labelColumn, -1);
        if (!targets.accepts(label)) {
            throw new DataException(row.getString(fileColumn) + ": label " + label + " in column '" + names[labelColumn]
                    + "'; expected " + targets.expected() + ".");
        }
        return new Example(features, targets.of(label));
    }

    private double number(Row row, Object value, int column, int element) {
        if (value == null) {
            throw new DataException(row.getString(fileColumn) + ": a missing value in column '" + names[column] + "'"
                    + (element >= 0 ? " at element " + element : "") + ". Every feature and label needs a number: "
                    + "fill or drop such rows first (for example with Spark's na().fill or na().drop).");
        }
        return ((Number) value).doubleValue();
    }
}
