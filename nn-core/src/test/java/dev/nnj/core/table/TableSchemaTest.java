package dev.nnj.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.DataException;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.core.data.CsvTable;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.json.TableSchemaJson;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.model.Sequential;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableSchemaTest {
    private static final String PEOPLE = """
            id,income,age,region,label
            1,20000,30,north,no
            2,60000,40,south,yes
            3,100000,50,north,yes
            4,40000,,east,no
            """;

    static CsvTable table(String name, String csv) {
        return CsvTable.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), name);
    }

    private static TableOptions options(String label, List<String> ignore, boolean impute) {
        return TableOptions.DEFAULTS.withLabel(label).withColumns(ignore, List.of(), List.of())
                .withPolicies(impute, false);
    }

    @Test
    void infersTheKindsStandardisesWithTheTrainingStatisticsAndOneHotsSortedCategories() {
        TableSchema s = TableSchema.fit(table("p.csv", PEOPLE), options("label", List.of("id"), true), true);
        assertEquals(List.of("income", "age", "region=east", "region=north", "region=south"), s.inputNames());
        assertEquals(5, s.width());
        TableColumn income = s.columns().get(1);
        assertEquals(55_000, income.mean(), 0);
        // population standard deviation, as scikit-learn's StandardScaler: sqrt(mean of squared deviations)
        assertEquals(Math.sqrt((35_000.0 * 35_000 + 5_000.0 * 5_000 + 45_000.0 * 45_000 + 15_000.0 * 15_000) / 4),
                income.scale(), 1e-9);
        assertEquals(40, s.columns().get(2).fill(), 0, "the mean of the three ages given");
        DataSet d = s.encode(table("p.csv", PEOPLE));
        Tensor x = d.features();
        assertEquals((20_000 - 55_000) / income.scale(), x.get(0, 0), 1e-15);
        assertEquals(0, x.get(3, 1), 1e-15, "the imputed age is the mean, standardised to 0");
        assertArrayEquals(new double[] {0, 1, 0}, new double[] {x.get(0, 2), x.get(0, 3), x.get(0, 4)});
        assertArrayEquals(new double[] {1, 0, 0}, new double[] {x.get(3, 2), x.get(3, 3), x.get(3, 4)});
        assertEquals(List.of("no", "yes"), s.target().classes());
        assertEquals(List.of(0, 1, 1, 0), List.of(d.label(0), d.label(1), d.label(2), d.label(3)));
    }

    @Test
    void theLabelIsTheLastColumnByDefaultOrNamedOrNumbered() {
        CsvTable t = table("p.csv", PEOPLE.replace(",,", ",45,"));
        assertEquals("label", TableSchema.fit(t, TableOptions.DEFAULTS, true).target().name());
        assertEquals("region", TableSchema.fit(t, TableOptions.DEFAULTS.withLabel("region"), true).target().name());
        assertEquals("age", TableSchema.fit(t, TableOptions.DEFAULTS.withLabel("#3"), false).target().name());
    }

    @Test
    void wholeNumberLabelsAreTheirOwnClassNumbers() {
        CsvTable t = table("d.csv", "a,b,digit\n1,2,3\n2,3,0\n3,1,7\n");
        TableSchema s = TableSchema.fit(t, TableOptions.DEFAULTS, true);
        assertTrue(s.target().numbered());
        DataSet d = s.encode(t);
        assertEquals(List.of(3, 0, 7), List.of(d.label(0), d.label(1), d.label(2)));
        assertEquals("7", s.target().className(7));
    }

    @Test
    void aStandardisedRegressionTargetMapsBackToItsUnits() {
        CsvTable t = table("r.csv", "x,price\n1,100000\n2,300000\n");
        TableSchema s = TableSchema.fit(t, TableOptions.DEFAULTS, false);
        assertEquals(200_000, s.target().mean(), 0);
        assertEquals(100_000, s.target().scale(), 0);
        DataSet d = s.encode(t);
        assertEquals(-1, d.targets().get(0, 0), 0);
        assertEquals(300_000, s.target().toUnits(d.targets().get(1, 0)), 0);
        TableSchema raw = TableSchema.fit(t, new TableOptions(null, List.of(), List.of(), List.of(), false, false,
                true, false), false);
        assertEquals(100_000, raw.encode(t).targets().get(0, 0), 0, "standardizeTarget false keeps the units");
    }

    @Test
    void numberColumnsListedAsCategoricalAreOneHot() {
        CsvTable t = table("c.csv", "sex,bmi,y\n1,20,5\n2,30,6\n1,25,7\n");
        TableSchema s = TableSchema.fit(t, TableOptions.DEFAULTS.withColumns(List.of(), List.of("sex"), List.of()),
                false);
        assertEquals(List.of("sex=1", "sex=2", "bmi"), s.inputNames());
    }

    @Test
    void anUnknownColumnNameIsRefusedWithTheColumnsAndASuggestion() {
        DataException e = assertThrows(DataException.class, () -> TableSchema.fit(table("p.csv", PEOPLE),
                TableOptions.DEFAULTS.withLabel("labl"), true));
        assertEquals("p.csv has no column 'labl' (the label, from the command line or the model file's \"table\"). "
                + "Did you mean 'label'? Its columns: id, income, age, region, label.", e.getMessage());
        DataException ignored = assertThrows(DataException.class, () -> TableSchema.fit(table("p.csv", PEOPLE),
                TableOptions.DEFAULTS.withColumns(List.of("ID"), List.of(), List.of()), true));
        assertEquals("p.csv has no column 'ID' (listed in \"ignore\", from the command line or the model file's "
                + "\"table\"). Did you mean 'id'? Its columns: id, income, age, region, label.", ignored.getMessage());
    }

    @Test
    void aMissingValueIsRefusedWithItsLineAndColumnUnlessImputing() {
        DataException e = assertThrows(DataException.class, () -> TableSchema.fit(table("p.csv", PEOPLE),
                TableOptions.DEFAULTS, true));
        assertEquals("p.csv line 5, column 3 (age): missing value (an empty field). Fill it in, or train with "
                + "\"table\": {\"missing\": \"impute\"} in the model file to use the column's training mean (the most "
                + "frequent category for a categorical column).", e.getMessage());
        TableSchema s = TableSchema.fit(table("p.csv", PEOPLE), options(null, List.of(), true), true);
        assertEquals("north", s.columns().get(3).fillCategory(), "the most frequent category");
        DataSet d = s.encode(table("q.csv", PEOPLE.replace("east", "NA")));
        assertEquals(1, d.features().get(3, 4), "NA in region: imputed as north");
    }

    @Test
    void anUnseenCategoryIsRefusedNamingTheLineColumnAndValueOrEncodedAsZeros() {
        TableSchema s = TableSchema.fit(table("p.csv", PEOPLE), options(null, List.of(), true), true);
        CsvTable later = table("new.csv", "id,income,age,region,label\n9,50000,33,west,no\n");
        DataException e = assertThrows(DataException.class, () -> s.encodeFeatures(later));
        assertEquals("new.csv line 2, column 4 (region): category 'west' was not in the training data (known: east, "
                + "north, south). Correct it, or train with \"table\": {\"unknownCategory\": \"ignore\"} to encode "
                + "unseen categories as all zeros.", e.getMessage());
        TableSchema lenient = TableSchema.fit(table("p.csv", PEOPLE), TableOptions.DEFAULTS.withPolicies(true, true),
                true);
        Tensor x = lenient.encodeFeatures(later);
        assertArrayEquals(new double[] {0, 0, 0}, new double[] {x.get(0, 3), x.get(0, 4), x.get(0, 5)});
    }

    @Test
    void rowsWithoutTheLabelColumnPredictButDoNotEvaluate() {
        TableSchema s = TableSchema.fit(table("p.csv", PEOPLE), options(null, List.of("id"), true), true);
        CsvTable rows = table("rows.csv", "income,region,age\n50000,south,33\n");
        assertEquals(1, s.encodeFeatures(rows).rows(), "columns by name, in any order; the ignored id may be absent");
        DataException e = assertThrows(DataException.class, () -> s.encode(rows));
        assertEquals("rows.csv has no column 'label', the label this model was trained on; it is needed to evaluate "
                + "(predict takes rows without it). Its columns: income, region, age.", e.getMessage());
        DataException input = assertThrows(DataException.class, () -> s.encodeFeatures(table("few.csv",
                "income,region\n1,south\n")));
        assertEquals("few.csv has no column 'age', which this model takes as input. Its columns: income, region.",
                input.getMessage());
    }

    @Test
    void anUnseenClassAndANonNumberInANumericColumnAreNamed() {
        TableSchema s = TableSchema.fit(table("p.csv", PEOPLE), options(null, List.of("id"), true), true);
        DataException c = assertThrows(DataException.class, () -> s.encode(table("t.csv",
                "id,income,age,region,label\n1,1,2,north,maybe\n")));
        assertEquals("t.csv line 2, column 5 (label): class 'maybe' was not in the training data (classes: no, yes).",
                c.getMessage());
        DataException n = assertThrows(DataException.class, () -> s.encode(table("t.csv",
                "id,income,age,region,label\n1,lots,2,north,no\n")));
        assertEquals("t.csv line 2, column 2 (income): 'lots' is not a number; this model takes income as a numeric "
                + "column.", n.getMessage());
    }

    @Test
    void aClassOutsideTheModelsIsNamedByItsLineAfterTheSplit() {
        CsvTable rows = table("n.csv", "x,y\n1,0\n2,1\n\n3,1000000000\n4,1\n");
        TableSchema s = TableSchema.fit(rows.subset(new int[] {0, 1, 3}, "n.csv"), options(null, List.of(), false),
                true);
        DataSet test = s.encode(rows.subset(new int[] {3, 2}, "n.csv"));
        Sequential model = Sequential.builder(Shape.of(1)).add(new DenseLayer(1, 2), "layers.0", "layers[0] (dense)")
                .build();
        DataException e = assertThrows(DataException.class, () -> test.subset(new int[] {1}, "n.csv (test)")
                .checkFits(model));
        assertEquals("n.csv line 5 has label 1000000000, outside the model's 2 classes 0..1 (layers[0] (dense) has 2 "
                + "outputs); give the last layer more units or fix the labels.", e.getMessage());
    }

    @Test
    void theSchemaSurvivesItsJsonBitForBit() {
        CsvTable t = table("p.csv", PEOPLE);
        TableSchema s = TableSchema.fit(t, options(null, List.of("id"), true), true);
        TableSchema back = TableSchemaJson.read(TableSchemaJson.write(s), "table.json");
        assertArrayEquals(s.encode(t).features().data(), back.encode(t).features().data());
        assertEquals(s.inputNames(), back.inputNames());
        assertEquals(s.target(), back.target());
        assertEquals(s.columns(), back.columns());
        assertTrue(back.impute());
        assertFalse(back.ignoreUnknown());
        CsvTable r = table("r.csv", "x,price\n1,100000.5\n2,300000.25\n");
        TableSchema reg = TableSchema.fit(r, TableOptions.DEFAULTS, false);
        assertEquals(reg.target(), TableSchemaJson.read(TableSchemaJson.write(reg), "t").target());
    }

    @Test
    void aHugeClassNumberIsRefusedBeforeAnythingIsAllocated() {
        DataException e = assertThrows(DataException.class, () -> TableSchema.fit(table("d.csv",
                "a,digit\n1,3\n2,1000000000\n"), TableOptions.DEFAULTS, true));
        assertEquals("d.csv line 3, column 2 (digit): class 1000000000 is larger than the 1,000,000 classes nnj numbers "
                + "(whole-number labels are class numbers, one model output each); fix the label, or use a regression "
                + "loss if the column is a quantity.", e.getMessage());
    }
}
