package dev.nnj.examples.cli;

import dev.nnj.api.Mode;
import dev.nnj.api.Tensor;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.CsvReader;
import dev.nnj.core.eval.Predictions;
import dev.nnj.core.json.ModelArchive;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nnj predict}: one line per input row, the class and probabilities, or the values. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a saved model (.nnj): one CSV line per row of the input (features only), "
                + "'class,p0,p1,...' for classification, 'y0,y1,...' for regression.")
final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.nnj", description = "The saved model.")
    private Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv",
            description = "Rows of features, comma-separated (header optional), values taken as they are.")
    private Path input;

    @CommandLine.Mixin
    private PluginOption plugins = new PluginOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AssembledModel m = ModelArchive.load(model, plugins.runtime(null, 1).assembler());
        Tensor x = CsvReader.readFeatures(input);
        m.model().checkInput(x);
        Tensor outputs = m.model().newWorkspace(x.rows()).forward(x, Mode.INFERENCE);
        Tensor p = Predictions.probabilities(m.loss(), outputs);
        boolean classes = m.loss().isClassification();
        StringBuilder header = new StringBuilder(classes ? "class" : "");
        for (int j = 0; j < p.cols(); j++) {
            header.append(header.length() == 0 ? "" : ",").append(classes ? "p" : "y").append(j);
        }
        out.println(header);
        for (int i = 0; i < p.rows(); i++) {
            StringBuilder line = new StringBuilder(classes ? Integer.toString(Predictions.predictedClass(p, i)) : "");
            for (int j = 0; j < p.cols(); j++) {
                line.append(line.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g", p.get(i, j)));
            }
            out.println(line);
        }
        out.flush();
        return 0;
    }
}
