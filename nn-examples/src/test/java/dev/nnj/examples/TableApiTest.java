package dev.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Shape;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.data.CsvTable;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.random.Seeds;
import dev.nnj.core.table.TableModel;
import dev.nnj.core.table.TableOptions;
import dev.nnj.core.table.TableSchema;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API on a table, as docs/tables.md shows it: learn the schema from the training rows,
 * train, save with the schema, load, and predict raw rows with the same numbers as before saving.
 */
class TableApiTest {
    private static final String MODEL = "{\"layers\": [{\"type\": \"dense\", \"units\": 8, \"activation\": \"tanh\"}, "
            + "{\"type\": \"dense\", \"units\": 3}], \"loss\": \"softmax-cross-entropy\", \"optimizer\": {\"type\": "
            + "\"adam\", \"learningRate\": 0.01}, \"epochs\": 60, \"batchSize\": 16, \"seed\": 7}";

    @TempDir
    Path dir;

    @Test
    void trainsOnIrisSavesAndPredictsRawRowsAfterLoadingBitForBit() {
        NnRuntime runtime = NnRuntime.discover();
        CsvTable.Split rows = CsvTable.read(Path.of("..", "data", "iris.csv")).split(30, Seeds.stream(1, "split"));
        TableSchema schema = TableSchema.fit(rows.train(), TableOptions.DEFAULTS, true);
        ModelSpec spec = ModelFileReader.read(MODEL, "<code>").withTable(TableOptions.DEFAULTS)
                .withInput(Shape.of(schema.width()));
        AssembledModel m = runtime.assemble(spec);
        m.trainer().fit(schema.encode(rows.train()), null);
        TableModel trained = new TableModel(m, schema);
        double accuracy = trained.evaluate(rows.test()).accuracy();
        assertTrue(accuracy >= 0.9, "iris, 120 rows, 60 epochs of Adam: " + accuracy);

        Path file = dir.resolve("iris.nnj");
        ModelArchive.save(file, spec, m.model(), schema);
        TableModel loaded = ModelArchive.loadTable(file, runtime.assembler());
        TableModel.Predicted before = trained.predict(rows.test());
        TableModel.Predicted after = loaded.predict(rows.test());
        assertArrayEquals(before.outputs().data(), after.outputs().data());
        assertArrayEquals(before.classes(), after.classes());
        assertTrue(java.util.List.of("setosa", "versicolor", "virginica").contains(after.label(0)));

        Path plain = dir.resolve("plain.nnj");
        ModelArchive.save(plain, spec, m.model());
        assertNull(ModelArchive.loadTable(plain, runtime.assembler()).schema(), "a model saved without a schema");
    }
}
