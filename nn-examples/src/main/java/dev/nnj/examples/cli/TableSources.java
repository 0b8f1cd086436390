package dev.nnj.examples.cli;

import dev.nnj.api.DataException;
import dev.nnj.api.ModelConfigException;
import dev.nnj.api.Shape;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.data.CsvTable;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.random.Seeds;
import dev.nnj.core.table.TableOptions;
import dev.nnj.core.table.TableSchema;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code csv:FILE} data as a table: read as text, split 80/20 with {@link DataSources}' fixed seed
 * (the same rows as {@link DataSources#split} picks), the schema learned from the training rows
 * only, both parts encoded through it.
 */
final class TableSources {
    private TableSources() {
    }

    /**
     * A table run's data.
     *
     * @param schema learned from {@code train}'s rows (or the checkpoint's)
     * @param train the training examples, encoded
     * @param test the test examples, encoded with the same schema
     */
    record Prepared(TableSchema schema, DataSet train, DataSet test) {
    }

    /**
     * @param spec a {@code --data} spec
     * @return whether it names a CSV table
     */
    static boolean isTable(String spec) {
        return spec != null && spec.startsWith("csv:");
    }

    /**
     * @param spec a {@code csv:FILE} spec
     * @return the table it names
     * @throws DataException naming the file
     */
    static CsvTable read(String spec) {
        if (!isTable(spec)) {
            throw new DataException("Expected a CSV table (csv:FILE), got '" + spec + "'.");
        }
        return CsvTable.read(Path.of(spec.substring(4)));
    }

    /**
     * The 20% test rows {@code nnj train --data spec} held out.
     *
     * @param table all rows of the file
     * @return the rest, then the test rows
     */
    static CsvTable.Split split(CsvTable table) {
        return table.split((int) Math.ceil(table.size() * DataSources.TEST_FRACTION),
                Seeds.stream(DataSources.SPLIT_SEED, "split"));
    }

    /**
     * The rows of a table run, before any column has a meaning.
     *
     * @param all every row of the training file
     * @param train the rows to train on: all of them with a test file, else 80%
     * @param test the test file's rows, else the held-out 20%
     * @param testFile whether the test rows came from a file of their own
     */
    record Rows(CsvTable all, CsvTable train, CsvTable test, boolean testFile) {
    }

    /**
     * @param spec the {@code csv:FILE} training data
     * @param testSpec a {@code csv:FILE} of test rows, or {@code null} to hold out 20%
     * @return the training and test rows
     * @throws DataException naming the file of the first problem
     */
    static Rows rows(String spec, String testSpec) {
        if (testSpec != null && !isTable(testSpec)) {
            throw new DataException("--test-data " + testSpec + ": the training data is a CSV table, so the test "
                    + "data must be one too (csv:FILE, with the same columns).");
        }
        CsvTable all = read(spec);
        if (testSpec != null) {
            return new Rows(all, all, read(testSpec), true);
        }
        CsvTable.Split split = split(all);
        return new Rows(all, split.train(), split.test(), false);
    }

    /**
     * @param rows the rows of the run
     * @param schema the schema learned from {@code rows.train()} (or a checkpoint's)
     * @return the schema and both sets, encoded
     * @throws DataException naming the file, line and column of the first problem
     */
    static Prepared encode(Rows rows, TableSchema schema) {
        return new Prepared(schema, schema.encode(rows.train()).withName(rows.all().source() + (rows.testFile() ? ""
                : " (train)")), schema.encode(rows.test()).withName(rows.test().source() + (rows.testFile() ? ""
                : " (test)")));
    }

    /**
     * The spec of a table run: its table options, and its input as wide as the table's encoding.
     *
     * @param spec the model file's spec
     * @param options the table options (model file and command line)
     * @param rows the run's rows
     * @param learned a resumed checkpoint's schema, or {@code null}
     * @return the spec with those options and that input
     * @throws ModelConfigException if the model file gives an input of another width
     */
    static ModelSpec withTable(ModelSpec spec, TableOptions options, Rows rows, TableSchema learned) {
        // the width does not depend on the label's kind, which the loss decides once the model is built
        TableSchema.Inputs made = learned != null ? null : TableSchema.inputs(rows.train(), options);
        int inputs = made == null ? learned.width() : made.width();
        Shape width = Shape.of(inputs);
        if (spec.input() != null && !spec.input().equals(width)) {
            throw new ModelConfigException(spec.source() + ": \"input\" is " + spec.input() + " but "
                    + rows.all().source() + " gives " + inputs + " inputs" + (made == null ? "" : " (" + made + ")")
                    + ". Leave \"input\" "
                    + "out of the model file (the table gives it) or make it " + width + ".");
        }
        return spec.withTable(options).withInput(width);
    }

    /**
     * @param model the saved model or checkpoint
     * @param schema the table it was trained on
     * @return the error for data that is not a CSV table, naming the table's columns
     */
    static DataException tableNeeded(Path model, TableSchema schema) {
        return new DataException(model + " was trained on a CSV table; give --data csv:FILE with its columns ("
                + String.join(", ", schema.columns().stream().map(c -> c.name()).toList()) + ").");
    }

    /**
     * @param option a comma-separated column list from the command line, or {@code null}
     * @param fromFile the list the model file gives
     * @return the command line's list if given, else the file's
     */
    static List<String> columns(String option, List<String> fromFile) {
        if (option == null) {
            return fromFile;
        }
        return option.isBlank() ? List.of() : List.of(option.split(",", -1)).stream().map(String::strip).toList();
    }
}
