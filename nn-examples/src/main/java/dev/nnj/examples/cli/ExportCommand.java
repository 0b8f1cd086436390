package dev.nnj.examples.cli;

import dev.nnj.core.json.AtomicFiles;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.json.Safetensors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nnj export}: the weights of a saved model as a safetensors file PyTorch can read; prints
 * the file's tensors with their shapes.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the weights of a saved model (.nnj) as safetensors (F64, nn.Linear layout: "
                + "<layer>.weight [out, in], <layer>.bias [out]), e.g. for safetensors.torch.load_file.")
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.nnj", description = "The saved model.")
    private Path model;

    @Option(names = "--out", required = true, paramLabel = "W.safetensors", description = "The file to write.")
    private Path out;

    @CommandLine.Mixin
    private LoadOption load = new LoadOption();

    @Override
    public Integer call() {
        new OutputGuard().input("--model", model).output("--out", out).check();
        FileKind.requireSaved(model, "export");
        Map<String, Safetensors.Entry> weights = ModelArchive.read(model, load.options()).weights();
        byte[] bytes = Safetensors.write(weights, Map.of("format", "pt"));
        AtomicFiles.write(out, stream -> stream.write(bytes));
        PrintWriter printed = spec.commandLine().getOut();
        printed.printf("wrote %s: %d tensor%s%n", out, weights.size(), weights.size() == 1 ? "" : "s");
        // In the file's order (Safetensors.write keeps the map's), shapes as stored (PyTorch's layout).
        weights.forEach((name, tensor) -> printed.printf("  %s %s%n", name, Arrays.toString(tensor.shape())));
        printed.flush();
        return 0;
    }
}
