package dev.nnj.examples;

import dev.nnj.api.Optimizer;
import dev.nnj.api.Shape;
import dev.nnj.api.spi.ComponentKind;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.activation.Relu;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.eval.Evaluator;
import dev.nnj.core.init.HeUniform;
import dev.nnj.core.init.XavierUniform;
import dev.nnj.core.layer.ActivationLayer;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.loss.SoftmaxCrossEntropy;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.random.Seeds;
import dev.nnj.core.train.Trainer;
import dev.nnj.core.train.TrainingOptions;
import dev.nnj.examples.cli.DataSources;

/**
 * A network built in code, without Guice and without a model file: layers are plain objects made
 * with {@code new}. The optimizer comes from the registry, because nn-examples does not compile
 * against nn-optim: optimizers are reached through the SPI only.
 *
 * <p>Run: {@code java -cp nn-examples/target/nnj.jar dev.nnj.examples.ProgrammaticExample}
 */
public final class ProgrammaticExample {
    private ProgrammaticExample() {
    }

    /**
     * Trains the network on the embedded digits with seed 42 and prints its test accuracy.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Evaluation e = run(42);
        System.out.printf("test accuracy %.4f on %d digits%n", e.accuracy(), e.examples());
    }

    /**
     * Builds the 64-64-10 network, trains it for 20 epochs on 80% of the digits and evaluates it on
     * the rest.
     *
     * @param seed the seed of the initial weights and of the data order
     * @return the test evaluation after 20 epochs
     */
    public static Evaluation run(long seed) {
        DenseLayer hidden = new DenseLayer(64, 64);
        DenseLayer output = new DenseLayer(64, 10);
        new HeUniform().initialize(hidden.weight().value(), 64, 64, Seeds.stream(seed, "hidden"));
        new XavierUniform().initialize(output.weight().value(), 64, 10, Seeds.stream(seed, "output"));
        Sequential model = Sequential.builder(Shape.of(64))
                .add(hidden)
                .add(new ActivationLayer(new Relu()))
                .add(output)
                .build();

        NnRuntime runtime = NnRuntime.discover();
        Optimizer momentum = (Optimizer) runtime.registry().entry(ComponentKind.OPTIMIZER, "momentum").provider()
                .create(MapConfig.of("optimizer", "momentum", "learningRate", 0.05), null);

        DataSet.Split data = DataSources.split(DataSources.digits());
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        new Trainer(model, loss, momentum, new TrainingOptions(20, 32, seed)).fit(data.train(), null);
        return new Evaluator(model, loss, 256).evaluate(data.test());
    }
}
