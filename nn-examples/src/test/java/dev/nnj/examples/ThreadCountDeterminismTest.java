package dev.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.api.DType;
import dev.nnj.api.Parameter;
import dev.nnj.api.Tensor;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.math.Backend;
import dev.nnj.core.math.Backends;
import dev.nnj.core.train.EpochResult;
import dev.nnj.examples.cli.DataSources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Training gives bit-identical weights and metrics for 1, 2 and 3 threads, on every backend found, in both types. */
class ThreadCountDeterminismTest {
    private final DataSet.Split digits = DataSources.split(DataSources.digits());

    private AssembledModel train(String backend, int threads, List<EpochResult> history, DType dtype) {
        NnRuntime runtime = NnRuntime.discover(getClass().getClassLoader(), backend, threads);
        assertEquals(threads, runtime.kernels().threads());
        AssembledModel m = runtime.assemble(runtime.read(Path.of("..", "models", "digits-mlp.json")).withEpochs(2)
                .withDtype(dtype));
        history.addAll(m.trainer().fit(digits.train(), digits.test()));
        return m;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F64", "F32"})
    void weightsAndMetricsDoNotDependOnTheThreadCount(DType dtype) {
        for (Backend backend : Backends.all(getClass().getClassLoader())) {
            if (backend.unavailableReason().isPresent()) {
                continue;
            }
            List<EpochResult> oneHistory = new java.util.ArrayList<>();
            List<Parameter> one = train(backend.name(), 1, oneHistory, dtype).model().parameters();
            for (int threads = 2; threads <= 3; threads++) {
                List<EpochResult> history = new java.util.ArrayList<>();
                List<Parameter> many = train(backend.name(), threads, history, dtype).model().parameters();
                for (int i = 0; i < one.size(); i++) {
                    Tensor a = one.get(i).value();
                    Tensor b = many.get(i).value();
                    assertEquals(dtype, a.dtype());
                    for (int j = 0; j < a.size(); j++) {
                        assertEquals(a.get(j), b.get(j), 0.0, backend.name() + " " + dtype + ", " + threads
                                + " threads: " + one.get(i).path() + "[" + j + "]");
                    }
                }
                for (int e = 0; e < history.size(); e++) {
                    assertEquals(oneHistory.get(e).trainLoss(), history.get(e).trainLoss(), 0.0);
                    assertEquals(oneHistory.get(e).test().loss(), history.get(e).test().loss(), 0.0);
                }
            }
        }
    }
}
