package dev.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.math.Backend;
import dev.nnj.core.math.Backends;
import dev.nnj.core.train.Trainer;
import dev.nnj.examples.cli.DataSources;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Updating each part of a gradient as soon as the kernels finish it (the trainer's default with
 * nnj's optimizers) gives the same weights to the bit as one optimizer step after the backward
 * pass, on every backend found, with 1 and 2 threads. The layers are wide enough (64-512-256-10,
 * batch 128) that the BLAS backend splits the weight gradients into parts.
 */
class UpdateInPartsTest {
    private static final String MODEL = """
            {"input": [64],
             "layers": [{"type": "dense", "units": 512, "activation": "relu"},
                        {"type": "dense", "units": 256, "activation": "relu"},
                        {"type": "dense", "units": 10}],
             "loss": "softmax-cross-entropy", "optimizer": %s, "batchSize": 128, "epochs": 2, "seed": 3}
            """;
    private final DataSet train = DataSources.split(DataSources.digits()).train();

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\": \"momentum\", \"learningRate\": 0.05, \"momentum\": 0.9}",
        "{\"type\": \"adam\", \"learningRate\": 0.001}", "{\"type\": \"adagrad\", \"learningRate\": 0.01}"})
    void givesTheWeightsOfAWholeStep(String optimizer) {
        for (Backend backend : Backends.all(getClass().getClassLoader())) {
            if (backend.unavailableReason().isPresent()) {
                continue;
            }
            for (int threads = 1; threads <= 2; threads++) {
                String where = backend.name() + ", " + threads + " threads, " + optimizer;
                AssembledModel inParts = assemble(backend, threads, optimizer);
                AssembledModel whole = assemble(backend, threads, optimizer);
                double[] initial = inParts.model().parameters().get(0).value().data().clone();

                Counting counting = new Counting(inParts.optimizer(), true);
                new Trainer(inParts.model(), inParts.loss(), counting, inParts.training()).fit(train, null);
                Counting wholeSteps = new Counting(whole.optimizer(), false);
                new Trainer(whole.model(), whole.loss(), wholeSteps, whole.training()).fit(train, null);

                int steps = 2 * ((train.size() + 127) / 128);
                assertEquals(steps, counting.begun.get(), where);
                assertEquals(0, counting.steps.get(), where);
                assertEquals(steps, wholeSteps.steps.get(), where);
                if (backend.name().equals("blas")) {
                    assertTrue(counting.parts.get() > 6 * steps, where + ": the weight gradients were not split into parts ("
                            + counting.parts.get() + " parts in " + steps + " steps)");
                }
                List<Parameter> a = inParts.model().parameters();
                List<Parameter> b = whole.model().parameters();
                assertTrue(!java.util.Arrays.equals(initial, a.get(0).value().data()), where + ": nothing was trained");
                for (int i = 0; i < a.size(); i++) {
                    assertArrayEquals(b.get(i).value().data(), a.get(i).value().data(), 0.0, where + ": " + a.get(i).path());
                }
            }
        }
    }

    private static AssembledModel assemble(Backend backend, int threads, String optimizer) {
        NnRuntime runtime = NnRuntime.discover(UpdateInPartsTest.class.getClassLoader(), backend.name(), threads);
        return runtime.assemble(ModelFileReader.read(MODEL.formatted(optimizer), "wide"));
    }

    /** Passes every call on, counting them; says whether it updates in parts as told. */
    private static final class Counting implements Optimizer {
        private final Optimizer inner;
        private final boolean inParts;
        final AtomicInteger steps = new AtomicInteger();
        final AtomicInteger begun = new AtomicInteger();
        final AtomicInteger parts = new AtomicInteger();

        Counting(Optimizer inner, boolean inParts) {
            this.inner = inner;
            this.inParts = inParts;
        }

        @Override
        public void attach(List<Parameter> parameters) {
            inner.attach(parameters);
        }

        @Override
        public void step() {
            steps.incrementAndGet();
            inner.step();
        }

        @Override
        public boolean updatesInParts() {
            return inParts;
        }

        @Override
        public void beginStep() {
            begun.incrementAndGet();
            inner.beginStep();
        }

        @Override
        public void update(Parameter parameter, int from, int to) {
            parts.incrementAndGet();
            inner.update(parameter, from, to);
        }

        @Override
        public double learningRate() {
            return inner.learningRate();
        }

        @Override
        public void setLearningRate(double learningRate) {
            inner.setLearningRate(learningRate);
        }

        @Override
        public Map<String, Map<String, double[]>> state() {
            return inner.state();
        }
    }
}
