package dev.nnj.examples.cli;

import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.CsvTable;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.table.TableModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nnj evaluate}: the loss and accuracy (or MAE) of a saved model on data, with per-class
 * precision, recall and F1, log loss and, for two classes, ROC-AUC and PR-AUC (or RMSE and R²).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a saved model (.nnj) on every row of DATA (for fashion-mnist, its t10k test part); "
                + "--test-part scores only the rows 'nnj train --data DATA' held out for testing.")
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.nnj", description = "The saved model.")
    private Path model;

    @Option(names = "--data", required = true, paramLabel = "DATA", description = "As for 'nnj train'; a model "
            + "trained on a CSV table takes csv:FILE with the same columns, as raw values.")
    private String data;

    @Option(names = "--test-part", description = "Score only the test part that 'nnj train --data DATA' (without "
            + "--test-data) held out: the fixed-seed 20%% split, or fashion-mnist's t10k.")
    private boolean testPart;

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    @CommandLine.Mixin
    private PluginOption plugins = new PluginOption();

    @CommandLine.Mixin
    private LoadOption load = new LoadOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        FileKind.requireSaved(model, "evaluate");
        TableModel tm = ModelArchive.loadTable(model, plugins.runtime(null, Runtime.getRuntime().availableProcessors())
                .assembler(), load.options());
        AssembledModel m = tm.model();
        DataSet test;
        String scope = testPart ? " (the test part nnj train held out)" : " (every row)";
        if (tm.schema() != null) {
            if (!TableSources.isTable(data)) {
                throw TableSources.tableNeeded(model, tm.schema());
            }
            CsvTable rows = TableSources.read(data);
            test = tm.examples(testPart ? TableSources.split(rows).test() : rows);
        } else if (testPart) {
            test = DataSources.trainAndTest(data, null, m.loss().isClassification()).test();
        } else {
            DataSources.Loaded loaded = DataSources.load(data, m.loss().isClassification());
            test = loaded.test() != null ? loaded.test() : loaded.data();
            scope = loaded.test() != null ? " (its test part)" : scope;
        }
        Evaluation e = tm.evaluator(256).evaluate(test);
        IntFunction<String> names = tm.schema() == null || tm.schema().target().numbered() ? null
                : tm.schema().target()::className;
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("examples", e.examples());
            o.put("loss", e.loss());
            if (e.isClassification()) {
                o.put("accuracy", e.accuracy());
                o.put("confusionMatrix", e.confusion());
            } else {
                o.put("meanAbsoluteError", e.meanAbsoluteError());
            }
            MetricsReport.put(o, "", e, names);
            out.println(Json.line(o));
        } else {
            if (e.isClassification()) {
                ConfusionMatrix.print(out, e, names);
            }
            out.printf(Locale.ROOT, "%s on %,d examples of %s: loss %.4f%n", e.isClassification()
                    ? String.format(Locale.ROOT, "accuracy %.4f", e.accuracy())
                    : String.format(Locale.ROOT, "MAE %.4f", e.meanAbsoluteError()), e.examples(), test.name() + scope,
                    e.loss());
            MetricsReport.print(out, e, names);
        }
        out.flush();
        return 0;
    }
}
