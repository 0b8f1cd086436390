package dev.nnj.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.DataException;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.CsvReader;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.eval.Evaluator;
import dev.nnj.core.json.ModelFileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data read by Spark SQL (Parquet, CSV) becomes exactly the examples nnj's own readers give; bad data is named. */
class SparkDataTest {
    private static SparkSession spark;
    private static AssembledModel model;
    private static DataSet digits;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("nnj-data-test").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        model = NnRuntime.discover().assemble(ModelFileReader.read(SparkTrainerTest.MODEL, "m"));
        digits = SparkTrainerTest.digits();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The digits as a Parquet table: an array column {@code features} and an int column {@code label}, one file. */
    static Path parquet(Path dir, DataSet data) {
        return parquet(spark, dir.resolve("digits.parquet"), data);
    }

    /** Writes {@code data} as a Parquet table at {@code out} (a directory Spark creates); @return out */
    static Path parquet(SparkSession spark, Path out, DataSet data) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            rows.add(RowFactory.create(data.features().row(i), data.label(i)));
        }
        StructType schema = DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.DoubleType), false),
            DataTypes.createStructField("label", DataTypes.IntegerType, false)});
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(out.toString());
        return out;
    }

    private static List<Example> read(String source) {
        return SparkData.read(spark, source, SparkData.Columns.defaults(), model, 0).collect();
    }

    private static void assertSameExamples(List<Example> expected, List<Example> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).features(), actual.get(i).features(), 0.0, "features of row " + i);
            assertArrayEquals(expected.get(i).target(), actual.get(i).target(), 0.0, "target of row " + i);
        }
    }

    @Test
    void readsAParquetFeaturesArrayAndLabelExactly(@TempDir Path dir) {
        Path file = parquet(dir, digits);
        assertSameExamples(SparkData.examples(digits, model), read("parquet:" + file));
    }

    @Test
    void readsParquetWithOneColumnPerFeature(@TempDir Path dir) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("label", DataTypes.LongType, false));
        for (int j = 0; j < 64; j++) {
            fields.add(DataTypes.createStructField("pixel" + j, DataTypes.FloatType, false));
        }
        List<Row> rows = new ArrayList<>();
        List<Example> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Object[] values = new Object[65];
            values[0] = (long) digits.label(i);
            double[] x = new double[64];
            for (int j = 0; j < 64; j++) {
                float v = (float) digits.features().get(i, j);
                values[j + 1] = v;
                x[j] = v;
            }
            rows.add(RowFactory.create(values));
            double[] t = new double[10];
            t[digits.label(i)] = 1;
            expected.add(new Example(x, t));
        }
        Path out = dir.resolve("flat.parquet");
        spark.createDataFrame(rows, DataTypes.createStructType(fields)).coalesce(1).write().parquet(out.toString());
        assertSameExamples(expected, read("parquet:" + out));
    }

    @Test
    void readsTheGzippedDigitsCsvAsNnjsCsvReaderDoes() {
        Path file = Path.of(System.getProperty("nnj.shared.data", "../../shared/data")).resolve("digits/digits.csv.gz");
        assertSameExamples(SparkData.examples(CsvReader.read(file, true), model), read("csv:" + file));
    }

    @Test
    void takesTheLabelFromAHeaderColumnNamedLabelWherever(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("label");
        for (int j = 0; j < 64; j++) {
            csv.append(",p").append(j);
        }
        csv.append('\n');
        for (int i = 0; i < 20; i++) {
            csv.append(digits.label(i));
            for (double v : digits.features().row(i)) {
                csv.append(',').append(v);
            }
            csv.append('\n');
        }
        Path file = Files.writeString(dir.resolve("labelled.csv"), csv);
        int[] first = new int[20];
        java.util.Arrays.setAll(first, i -> i);
        assertSameExamples(SparkData.examples(digits.subset(first, "first"), model), read("csv:" + file));
    }

    @Test
    void evaluatesWhereTheDataIsAsTheDriversEvaluatorDoes(@TempDir Path dir) {
        AssembledModel trained = NnRuntime.discover().assemble(ModelFileReader.read(SparkTrainerTest.MODEL, "m").withEpochs(3));
        trained.trainer().fit(digits, null);
        var rdd = SparkData.read(spark, "parquet:" + parquet(dir, digits), SparkData.Columns.defaults(), trained, 3);
        Evaluation distributed = SparkEvaluator.evaluate(JavaSparkContext.fromSparkContext(spark.sparkContext()), rdd,
                SparkTrainerTest.MODEL, trained);
        Evaluation local = new Evaluator(trained.model(), trained.loss(), 256).evaluate(digits);
        assertEquals(local.examples(), distributed.examples());
        assertEquals(local.accuracy(), distributed.accuracy(), 0.0);
        assertEquals(local.loss(), distributed.loss(), 1e-12);
        assertArrayEquals(local.confusion(), distributed.confusion());
    }

    @Test
    void namesTheFileAndValueOfALabelOutsideTheClasses(@TempDir Path dir) {
        DataSet bad = DataSet.classification("bad", digits.features(), labelsWith(10));
        Path file = parquet(spark, dir.resolve("bad.parquet"), bad);
        DataException e = assertThrows(DataException.class, () -> new SparkTrainer(
                JavaSparkContext.fromSparkContext(spark.sparkContext()), SparkTrainerTest.MODEL).train(
                        SparkData.read(spark, "parquet:" + file, SparkData.Columns.defaults(), model, 0), 1));
        assertTrue(e.getMessage().matches("file:.*bad\\.parquet/part-.*\\.parquet: label 10\\.0 in column 'label'; "
                + "expected a class index 0-9 \\(the model has 10 outputs\\)\\."), e.getMessage());
    }

    private static int[] labelsWith(int last) {
        int[] labels = new int[digits.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = digits.label(i);
        }
        labels[labels.length - 1] = last;
        return labels;
    }

    @Test
    void namesAFeatureArrayOfTheWrongLength(@TempDir Path dir) {
        Row row = RowFactory.create(new double[63], 1);
        StructType schema = DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.DoubleType), false),
            DataTypes.createStructField("label", DataTypes.IntegerType, false)});
        Path out = dir.resolve("short.parquet");
        spark.createDataFrame(List.of(row), schema).write().parquet(out.toString());
        DataException e = assertThrows(DataException.class,
                () -> Failures.unwrapping(() -> read("parquet:" + out)));
        assertTrue(e.getMessage().endsWith(": a row whose column 'features' holds 63 values; the model's input takes 64."),
                e.getMessage());
    }

    @Test
    void refusesANonNumericColumnAndAMissingLabelColumnByName(@TempDir Path dir) {
        Dataset<Row> table = spark.sql("SELECT array(0.5D) AS features, 'cat' AS name, 1 AS label");
        Path withText = dir.resolve("text.parquet");
        table.drop("features").write().parquet(withText.toString());
        DataException text = assertThrows(DataException.class, () -> read("parquet:" + withText));
        assertEquals("parquet:" + withText + ": column 'name' is string; every feature and label column must be numeric.",
                text.getMessage());

        Path noLabel = dir.resolve("nolabel.parquet");
        table.drop("label").write().parquet(noLabel.toString());
        DataException missing = assertThrows(DataException.class, () -> read("parquet:" + noLabel));
        assertEquals("parquet:" + noLabel + ": no label column 'label'; the columns are [features, name]. Name it with "
                + "--label-column.", missing.getMessage());
    }

    @Test
    void namesTheFileAndLineOfACsvValueThatIsNotANumber(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.csv"), "1,2,3\n4,five,6\n");
        DataException e = assertThrows(DataException.class, () -> read("csv:" + file));
        assertEquals(file.toUri() + ": cannot read the line '4,five,6' as 3 "
                + "numbers (the first line has 3 fields). Every value of a CSV file for nnj must be a number: the "
                + "features, and the label.", e.getMessage());
    }

    @Test
    void refusesALabelColumnForARegressionModelWithSeveralOutputs() {
        AssembledModel regression = NnRuntime.discover().assemble(ModelFileReader.read(
                SparkTrainerTest.MODEL.replace("softmax-cross-entropy", "mse"), "m"));
        DataException e = assertThrows(DataException.class,
                () -> SparkData.read(spark, "csv:x.csv", SparkData.Columns.defaults(), regression, 0));
        assertEquals("csv:x.csv: a label column gives one target per example, but this regression model has 10 "
                + "outputs; train it with nnj's own readers, or give it one output.", e.getMessage());
    }

    @Test
    void rejectsAnUnknownSource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("json:x"));
        assertEquals("Unknown data source 'json:x': expected parquet:PATH, csv:PATH or idx:IMAGES,LABELS.", e.getMessage());
    }
}
