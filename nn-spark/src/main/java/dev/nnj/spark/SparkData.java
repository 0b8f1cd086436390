package dev.nnj.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import dev.nnj.api.DataException;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.data.IdxReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Training and test data for {@link SparkTrainer}, by a source string:
 *
 * <ul>
 *   <li>{@code parquet:PATH} and {@code csv:PATH}: read by Spark SQL on the executors (any path Spark
 *       reads: a file, a directory of parts, a glob, {@code hdfs://}, {@code s3a://}). The label is
 *       the column {@code label} (or the one named by {@link Columns#label()}; in a CSV file
 *       without that column, the last column); the features are the array column {@code features}
 *       (or the one named by {@link Columns#features()}) where there is one, else every other
 *       column, in order, each numeric. A CSV file's first line is a header when one of its fields
 *       is not a number; every value must be a number.</li>
 *   <li>{@code idx:IMAGES,LABELS}: IDX files (MNIST, Fashion-MNIST), read on the driver with nnj's
 *       reader and distributed with {@code parallelize}.</li>
 * </ul>
 *
 * Labels become targets as in nnj's own data sets: a class index, one-hot, for a model with several
 * outputs; the value itself for one output (0/1 or a regression target). Values are taken as they
 * are (scale pixels beforehand). Bad data is a {@link DataException} naming the file, column and value.
 */
public final class SparkData {
    private static final String FILE = "__nnj_file";
    private static final String CORRUPT = "__nnj_corrupt";

    /**
     * Column names; null for the defaults.
     *
     * @param features the array column of the features (default {@code features}, where present)
     * @param label the label column (default {@code label}; in a CSV file without it, the last)
     */
    public record Columns(String features, String label) {
        /**
         * The default columns: {@code features} where there is such an array column, and
         * {@code label}.
         *
         * @return columns with both names null
         */
        public static Columns defaults() {
            return new Columns(null, null);
        }
    }

    private SparkData() {
    }

    /**
     * Reads a data source as examples, lazily for files (Spark reads them on the executors).
     *
     * @param spark the session that reads files
     * @param source {@code parquet:PATH}, {@code csv:PATH} or {@code idx:IMAGES,LABELS}
     * @param columns which columns hold the features and the label; {@link Columns#defaults()} for
     *     the defaults
     * @param model the model the data is for: its input width, output width and loss decide the
     *     expected features and how labels become targets
     * @param partitions for {@code idx:}, how many partitions to make; for files, 0 keeps Spark's
     *     split by file blocks, another value repartitions
     * @return one example per row, its target made as the model needs
     * @throws DataException naming the file, column and value of bad data, for a regression model
     *     of more than one output, or an unknown source (some checks run only when Spark reads the
     *     rows)
     */
    public static JavaRDD<Example> read(SparkSession spark, String source, Columns columns, AssembledModel model,
            int partitions) {
        int inputs = model.model().inputShape().size();
        Targets targets = new Targets(model.model().outputShape().size(), model.loss().isClassification());
        if (!targets.classification() && targets.outputs() != 1) {
            throw new DataException(source + ": a label column gives one target per example, but this regression "
                    + "model has " + targets.outputs() + " outputs; train it with nnj's own readers, or give it one output.");
        }
        JavaRDD<Example> rdd;
        if (source.startsWith("idx:")) {
            String[] files = source.substring(4).split(",", -1);
            if (files.length != 2) {
                throw new IllegalArgumentException(source + ": expected idx:IMAGES,LABELS.");
            }
            DataSet data = IdxReader.read(Path.of(files[0]), Path.of(files[1]));
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            return context.parallelize(examples(data, targets),
                    partitions > 0 ? partitions : context.defaultParallelism());
        } else if (source.startsWith("parquet:")) {
            rdd = fromTable(spark.read().parquet(source.substring(8)).withColumn(FILE, input_file_name()),
                    source, columns, inputs, targets, false);
        } else if (source.startsWith("csv:")) {
            rdd = fromTable(csv(spark, source.substring(4)), source, columns, inputs, targets, true);
        } else {
            throw new IllegalArgumentException("Unknown data source '" + source
                    + "': expected parquet:PATH, csv:PATH or idx:IMAGES,LABELS.");
        }
        return partitions > 0 ? rdd.repartition(partitions) : rdd;
    }

    /**
     * Reads a CSV file as numbers, with a header if its first line has a field that is not a number.
     * One pass over the file checks every value first, so that a bad one is named before training.
     */
    private static Dataset<Row> csv(SparkSession spark, String path) {
        List<String> first = spark.read().textFile(path).limit(1).collectAsList();
        if (first.isEmpty()) {
            throw new DataException(path + ": the CSV file is empty.");
        }
        String[] fields = first.get(0).split(",", -1);
        boolean header = Arrays.stream(fields).anyMatch(f -> !isNumber(f));
        List<StructField> schema = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            String name = header ? fields[i].trim().replace("\"", "") : "_c" + i;
            schema.add(DataTypes.createStructField(name, DataTypes.DoubleType, true));
        }
        schema.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
        Dataset<Row> table = spark.read().schema(DataTypes.createStructType(schema)).option("header", header)
                .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT).csv(path)
                .withColumn(FILE, input_file_name());
        // Every column: Spark parses only the columns a query uses, and a bad value elsewhere would pass.
        List<Row> bad = table.where(col(CORRUPT).isNotNull()).limit(1).collectAsList();
        if (!bad.isEmpty()) {
            Row row = bad.get(0);
            throw new DataException(row.getString(row.fieldIndex(FILE)) + ": cannot read the line '"
                    + row.getString(row.fieldIndex(CORRUPT)).strip()
                    + "' as " + fields.length + " numbers (the first line has " + fields.length + " fields). Every "
                    + "value of a CSV file for nnj must be a number: the features, and the label.");
        }
        return table.drop(CORRUPT);
    }

    private static boolean isNumber(String field) {
        try {
            Double.parseDouble(field.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static JavaRDD<Example> fromTable(Dataset<Row> table, String source, Columns columns, int inputs,
            Targets targets, boolean csv) {
        StructType schema = table.schema();
        String[] names = schema.fieldNames();
        int file = schema.fieldIndex(FILE);
        String label = columns.label() != null ? columns.label()
                : has(schema, "label") || !csv ? "label" : names[file - 1];
        int labelIndex = index(schema, label, source, "label", "--label-column");
        requireNumeric(schema.fields()[labelIndex], source);
        String features = columns.features() != null ? columns.features() : has(schema, "features") ? "features" : null;
        int[] featureColumns;
        boolean array = features != null;
        if (array) {
            int f = index(schema, features, source, "features", "--features-column");
            DataType type = schema.fields()[f].dataType();
            if (!(type instanceof ArrayType a && a.elementType() instanceof NumericType)) {
                throw new DataException(source + ": the features column '" + features + "' is " + type.simpleString()
                        + "; expected an array of numbers (for Spark ML vectors, convert with "
                        + "org.apache.spark.ml.functions.vector_to_array).");
            }
            featureColumns = new int[] {f};
        } else {
            List<Integer> others = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                if (i != labelIndex && i != file) {
                    requireNumeric(schema.fields()[i], source);
                    others.add(i);
                }
            }
            if (others.size() != inputs) {
                throw new DataException(source + ": " + others.size() + " feature columns (every column but the label '"
                        + label + "'); the model's input takes " + inputs + " values.");
            }
            featureColumns = others.stream().mapToInt(Integer::intValue).toArray();
        }
        RowToExample convert = new RowToExample(featureColumns, array, labelIndex, file, names, targets, inputs);
        return table.javaRDD().map(convert);
    }

    private static boolean has(StructType schema, String name) {
        return Arrays.asList(schema.fieldNames()).contains(name);
    }

    private static int index(StructType schema, String name, String source, String what, String option) {
        if (!has(schema, name)) {
            List<String> columns = new ArrayList<>(Arrays.asList(schema.fieldNames()));
            columns.remove(FILE);
            throw new DataException(source + ": no " + what + " column '" + name + "'; the columns are " + columns
                    + ". Name it with " + option + ".");
        }
        return schema.fieldIndex(name);
    }

    private static void requireNumeric(StructField field, String source) {
        if (!(field.dataType() instanceof NumericType)) {
            throw new DataException(source + ": column '" + field.name() + "' is " + field.dataType().simpleString()
                    + "; every feature and label column must be numeric.");
        }
    }

    /**
     * Turns an in-memory data set into examples, e.g. data read by nnj's own readers.
     *
     * @param data the examples; not modified
     * @param model the model the data is for: its outputs and loss decide how labels become targets
     * @return the examples of an in-memory data set, for {@code parallelize}; labels become targets
     *     as for files
     */
    public static List<Example> examples(DataSet data, AssembledModel model) {
        return examples(data, new Targets(model.model().outputShape().size(), model.loss().isClassification()));
    }

    static List<Example> examples(DataSet data, Targets targets) {
        List<Example> out = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            out.add(new Example(data.features().row(i), data.hasLabels() ? targets.of(data.label(i)) : data.targets().row(i)));
        }
        return out;
    }
}
