package dev.nnj.examples.cli;

import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.json.Weights;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nnj import}: a model file plus safetensors weights (e.g. from PyTorch) into a saved model. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Build the model of a model file, fill it with safetensors weights (F64 or F32, the "
                + "layout 'nnj export' writes) and save it as .nnj.")
final class ImportCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "The model file.")
    private Path modelFile;

    @Option(names = "--weights", required = true, paramLabel = "W.safetensors", description = "The weights.")
    private Path weights;

    @Option(names = "--out", required = true, paramLabel = "M.nnj", description = "The model file to write.")
    private Path out;

    @CommandLine.Mixin
    private PluginOption plugins = new PluginOption();

    @CommandLine.Mixin
    private LoadOption load = new LoadOption();

    @Override
    public Integer call() {
        new OutputGuard().input("--model", modelFile).input("--weights", weights).output("--out", out).check();
        FileKind.requireJson(modelFile);
        FileKind.requireWeights(weights, "nnj import --weights", "write its weights with nnj export --model "
                + weights + " --out W.safetensors");
        NnRuntime runtime = plugins.runtime(null, 1);
        ModelSpec modelSpec = runtime.read(modelFile);
        AssembledModel m = runtime.assemble(modelSpec);
        Weights.apply(m.model(), Weights.read(weights, load.options()), weights.toString());
        ModelArchive.save(out, modelSpec, m.model());
        spec.commandLine().getOut().printf("wrote %s%n", out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
