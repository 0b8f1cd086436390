package dev.nnj.examples.cli;

import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.eval.Evaluator;
import dev.nnj.core.json.ModelArchive;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nnj evaluate}: the loss and accuracy (or MAE) of a saved model on data, with per-class
 * precision, recall and F1, log loss and, for two classes, ROC-AUC and PR-AUC (or RMSE and R²).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a saved model (.nnj) on the test data 'nnj train --data DATA' uses: the "
                + "source's test part (fashion-mnist's t10k), else its fixed-seed 20%% split.")
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.nnj", description = "The saved model.")
    private Path model;

    @Option(names = "--data", required = true, paramLabel = "DATA", description = "As for 'nnj train'.")
    private String data;

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    @CommandLine.Mixin
    private PluginOption plugins = new PluginOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AssembledModel m = ModelArchive.load(model, plugins.runtime(null, Runtime.getRuntime().availableProcessors())
                .assembler());
        DataSet test = DataSources.trainAndTest(data, null, m.loss().isClassification()).test();
        Evaluation e = new Evaluator(m.model(), m.loss(), 256).evaluate(test);
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
            MetricsReport.put(o, "", e);
            out.println(Json.line(o));
        } else {
            if (e.isClassification()) {
                ConfusionMatrix.print(out, e);
            }
            out.printf(Locale.ROOT, "%s on %,d examples of %s: loss %.4f%n", e.isClassification()
                    ? String.format(Locale.ROOT, "accuracy %.4f", e.accuracy())
                    : String.format(Locale.ROOT, "MAE %.4f", e.meanAbsoluteError()), e.examples(), test.name(), e.loss());
            MetricsReport.print(out, e);
        }
        out.flush();
        return 0;
    }
}
