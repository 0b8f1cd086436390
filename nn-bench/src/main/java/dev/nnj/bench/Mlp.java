package dev.nnj.bench;

import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.json.ModelFileReader;

/** The Fashion-MNIST MLP of the comparison: 784-256-128-10, ReLU, softmax cross-entropy, momentum 0.9, lr 0.05. */
final class Mlp {
    static final String MODEL = """
            {
              "input": [784],
              "layers": [
                {"type": "dense", "units": 256, "activation": "relu"},
                {"type": "dense", "units": 128, "activation": "relu"},
                {"type": "dense", "units": 10}
              ],
              "loss": "softmax-cross-entropy",
              "optimizer": {"type": "momentum", "learningRate": 0.05, "momentum": 0.9},
              "seed": 1
            }
            """;

    private Mlp() {
    }

    /** @return the kernels' description, e.g. the BLAS library in use */
    static String describe(String backend, int threads) {
        return dev.nnj.core.math.Backends.choose(backend, Mlp.class.getClassLoader()).create(threads).description();
    }

    /** @param backend a backend name or null for the highest-ranked one */
    static AssembledModel build(String backend, int threads, int batchSize) {
        NnRuntime runtime = NnRuntime.discover(Mlp.class.getClassLoader(), backend, threads);
        return runtime.assemble(ModelFileReader.read(MODEL, "fashion-mlp").withBatchSize(batchSize));
    }
}
