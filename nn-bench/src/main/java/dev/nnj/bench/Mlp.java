package dev.nnj.bench;

import dev.nnj.api.DType;
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
        return runtime.assemble(ModelFileReader.read(MODEL, "fashion-mlp").withBatchSize(batchSize).withDtype(dtype()));
    }

    /** @return the element type of the benchmark's models: system property {@code nnj.bench.dtype}, float64 by default */
    static DType dtype() {
        DType type = ModelFileReader.parseDtype(System.getProperty("nnj.bench.dtype", "float64"));
        if (type == null) {
            throw new IllegalArgumentException("-Dnnj.bench.dtype must be float64 or float32.");
        }
        return type;
    }
}
