package dev.nnj.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.DType;
import dev.nnj.api.DataException;
import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Tensor;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.json.Safetensors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint's optimizer state is restored into state of either type: a float64 checkpoint
 * resumed by a float32 model is rounded once, and a buffer of the wrong size is reported by name.
 */
class RestoreStateTest {

    private static Optimizer attached(DType type) {
        Optimizer sgd = new Sgd(0.1, 0.9, false, 0);
        sgd.attach(List.of(Parameter.of("layers.0.weight", ParameterRole.WEIGHT, Tensor.zeros(1, 2, type))));
        return sgd;
    }

    @Test
    void float64StateIsRoundedIntoFloat32State() {
        Optimizer sgd = attached(DType.F32);
        ModelArchive.restoreOptimizer(sgd, Map.of(
                "layers.0.weight.momentum", new Safetensors.Entry(new long[] {2}, new double[] {0.1, -1e-3}),
                "layers.0.weight.step", new Safetensors.Entry(new long[] {1}, new double[] {12})), "old.nnj");
        Map<String, Tensor> state = sgd.stateTensors().get("layers.0.weight");
        assertEquals(0.1f, state.get("momentum").floatData()[0]);
        assertEquals(-1e-3f, state.get("momentum").floatData()[1]);
        assertEquals(12.0, state.get("step").get(0));
    }

    @Test
    void aBufferOfAnotherSizeIsNamed() {
        Optimizer sgd = attached(DType.F32);
        DataException e = assertThrows(DataException.class, () -> ModelArchive.restoreOptimizer(sgd, Map.of(
                "layers.0.weight.momentum", new Safetensors.Entry(new long[] {3}, new double[3], "F32"),
                "layers.0.weight.step", new Safetensors.Entry(new long[] {1}, new double[] {1})), "old.nnj"));
        assertEquals("old.nnj: optimizer state 'layers.0.weight.momentum' is of 3 values, not 2; was the checkpoint "
                + "written with another optimizer?", e.getMessage());
    }
}
