package com.example.digits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.json.ModelArchive;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FineTuneTest {
    @Test
    void theFrozenFirstLayerIsBitIdenticalAndTheLastOneLearns(@TempDir Path dir) throws Exception {
        Path digits = Path.of(System.getProperty("digits"));
        Path file = dir.resolve("digits.nnj");
        QuickStart.run(digits, file);
        AssembledModel before = ModelArchive.load(file, NnRuntime.discover().assembler());
        AssembledModel after = FineTune.run(digits, file);
        assertTrue(!after.model().isTrainable("layers.0") && after.model().isTrainable("layers.1"));
        for (int i = 0; i < before.model().parameters().size(); i++) {
            double[] b = before.model().parameters().get(i).value().data();
            double[] a = after.model().parameters().get(i).value().data();
            if (before.model().parameters().get(i).path().startsWith("layers.0.")) {
                assertArrayEquals(b, a, 0.0, before.model().parameters().get(i).path());
            } else {
                assertFalse(Arrays.equals(b, a), before.model().parameters().get(i).path() + " did not learn");
            }
        }
    }
}
