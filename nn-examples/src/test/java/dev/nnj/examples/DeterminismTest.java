package dev.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nnj.api.Parameter;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.train.EpochResult;
import dev.nnj.examples.cli.DataSources;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private final DataSet.Split digits = DataSources.split(DataSources.digits());

    private AssembledModel train(long seed) {
        NnRuntime runtime = NnRuntime.discover();
        AssembledModel m = runtime.assemble(runtime.read(Path.of("..", "models", "digits-mlp.json"))
                .withEpochs(3).withSeed(seed));
        List<EpochResult> history = m.trainer().fit(digits.train(), digits.test());
        assertEquals(3, history.size());
        return m;
    }

    @Test
    void sameSeedAndDataGiveIdenticalWeights() {
        List<Parameter> a = train(42).model().parameters();
        List<Parameter> b = train(42).model().parameters();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(), 0.0, a.get(i).path());
        }
    }

    @Test
    void anotherSeedGivesOtherWeights() {
        double[] a = train(42).model().parameters().get(0).value().data();
        double[] b = train(43).model().parameters().get(0).value().data();
        assertFalse(Arrays.equals(a, b));
    }
}
