package dev.nnj.examples.cli;

import dev.nnj.core.json.AtomicFiles;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.json.Safetensors;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nnj export}: the weights of a saved model as a safetensors file PyTorch can read. */
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

    @Override
    public Integer call() {
        ModelArchive.Contents contents = ModelArchive.read(model);
        byte[] bytes = Safetensors.write(contents.weights(), Map.of("format", "pt"));
        AtomicFiles.write(out, stream -> stream.write(bytes));
        spec.commandLine().getOut().printf("wrote %d tensors to %s%n", contents.weights().size(), out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
