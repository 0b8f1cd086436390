package dev.nnj.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.guice.NnModule;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.train.EpochResult;
import dev.nnj.examples.cli.DataSources;
import java.util.List;

/**
 * nnj assembled by Guice: {@link NnModule} discovers the extensions and binds the same registry
 * that {@link NnRuntime#discover()} builds; the application asks the injector for an
 * {@link NnRuntime} and builds a model from a JSON model file.
 *
 * <p>Run: {@code java -cp nn-examples/target/nnj.jar dev.nnj.examples.GuiceExample}
 */
public final class GuiceExample {
    static final String MODEL = """
            {
              "input": [64],
              "layers": [
                {"type": "dense", "units": 64, "activation": "tanh"},
                {"type": "dense", "units": 10}
              ],
              "loss": "softmax-cross-entropy",
              "optimizer": {"type": "momentum", "learningRate": 0.05},
              "batchSize": 32,
              "epochs": 15,
              "seed": 42
            }
            """;

    private GuiceExample() {
    }

    /**
     * Trains the model on the embedded digits and prints its test accuracy.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Evaluation e = run();
        System.out.printf("test accuracy %.4f on %d digits%n", e.accuracy(), e.examples());
    }

    /**
     * Builds nnj with Guice and trains the model on 80% of the embedded digits.
     *
     * @return the test evaluation of the last epoch
     */
    public static Evaluation run() {
        Injector injector = Guice.createInjector(new NnModule());
        NnRuntime runtime = injector.getInstance(NnRuntime.class);
        AssembledModel model = runtime.assemble(ModelFileReader.read(MODEL, "guice-example"));
        DataSet.Split data = DataSources.split(DataSources.digits());
        List<EpochResult> history = model.trainer().fit(data.train(), data.test());
        return history.get(history.size() - 1).test();
    }
}
