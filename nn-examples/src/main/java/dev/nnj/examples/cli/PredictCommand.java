package dev.nnj.examples.cli;

import dev.nnj.api.DataException;
import dev.nnj.api.Tensor;
import dev.nnj.core.data.CsvTable;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.table.TableModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nnj predict}: one CSV line per input row. A model trained on a table takes the raw rows
 * (its columns by name, the label column optional) and writes the class as the training file wrote
 * it, then one probability per class ({@code <label>,p_<class>...}), or the value in the target's
 * units; a model trained on tensors takes numbers and writes {@code class,p0,p1,...} or
 * {@code y0,y1,...}.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a saved model (.nnj): one CSV line per row of the input, with a header. A model "
                + "trained on a table takes raw rows with its columns (the label may be absent) and writes the "
                + "class as written in training and its probabilities, or the value in the target's units.")
final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.nnj", description = "The saved model.")
    private Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv",
            description = "The rows: for a table model, raw values under a header; else numbers, features only.")
    private Path input;

    @Option(names = "--id", paramLabel = "COLUMN",
            description = "Copy this column of the input (e.g. an id the model ignores) to the first column of the output.")
    private String id;

    @CommandLine.Mixin
    private PluginOption plugins = new PluginOption();

    @CommandLine.Mixin
    private LoadOption load = new LoadOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        FileKind.requireSaved(model, "predict");
        TableModel m = ModelArchive.loadTable(model, plugins.runtime(null, 1).assembler(), load.options());
        CsvTable rows = CsvTable.read(input);
        int idColumn = id == null ? -1 : rows.column(id).orElseThrow(() -> new DataException(input + " has no column '"
                + id + "' for --id. Its columns: " + String.join(", ", rows.header()) + "."));
        TableModel.Predicted p = m.predict(rows);
        boolean classes = p.classes() != null;
        Tensor o = p.outputs();
        List<String> header = new ArrayList<>();
        if (idColumn >= 0) {
            header.add(id);
        }
        if (m.schema() == null) {
            if (classes) {
                header.add("class");
            }
            for (int j = 0; j < o.cols(); j++) {
                header.add((classes ? "p" : "y") + j);
            }
        } else {
            header.add(m.schema().target().name());
            for (int j = 0; classes && j < o.cols(); j++) {
                header.add("p_" + m.schema().target().className(j));
            }
        }
        out.println(Csv.line(header));
        for (int i = 0; i < o.rows(); i++) {
            List<String> line = new ArrayList<>();
            if (idColumn >= 0) {
                line.add(rows.cell(i, idColumn));
            }
            if (classes) {
                line.add(p.label(i));
            }
            for (int j = 0; j < o.cols() && (classes || m.schema() == null || j == 0); j++) {
                line.add(String.format(Locale.ROOT, m.schema() != null && !classes ? "%.9g" : "%.6g", o.get(i, j)));
            }
            out.println(Csv.line(line));
        }
        out.flush();
        return 0;
    }
}
