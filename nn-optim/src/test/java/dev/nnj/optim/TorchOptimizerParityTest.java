package dev.nnj.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nnj.api.DType;
import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Tensor;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.api.spi.OptimizerProvider;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * nnj's optimizers against torch.optim's trajectories, in float64 and float32, from
 * {@code torch/optim.json} (written by {@code tools/torch_optim.py}, torch 1.13, single-tensor
 * code): 20 steps on a 12-value quadratic, every value after every step and the state after the
 * last. Tolerances, times the magnitude where it is above 1 (Adagrad's sums reach 1,200): float64
 * 1e-14 (measured worst 8.9e-16: the same operations in another order); float32 5e-7, two roundings
 * of 2^-24 at the values' magnitude (up to 3.2; measured worst 2.4e-7, one rounding: torch computes
 * Adam's {@code m / denom} before scaling by the step size, nnj after, and so on). The float32 run
 * must also differ from the float64 one by more than 1e-9 somewhere (measured 1.5e-7 to 5.5e-7),
 * so that a float32 model whose optimizer silently computed in double would fail. Float32 state
 * within 1e-6: it sums gradients a·(w - c), in which w - c cancels (worst seen 5.4e-7; float64
 * state 1.8e-15).
 */
class TorchOptimizerParityTest {
    private static final JsonNode FIXTURE = read();
    private static final double TOLERANCE_F64 = 1e-14;
    private static final double TOLERANCE_F32 = 5e-7;
    /** Float32 state: it sums gradients a·(w - c), whose w - c cancels; worst seen 5.4e-7 (momentum). */
    private static final double STATE_TOLERANCE_F32 = 1e-6;

    private static JsonNode read() {
        try (InputStream in = TorchOptimizerParityTest.class.getResourceAsStream("/torch/optim.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : FIXTURE.get("cases")) {
            out.add(Arguments.of(c.get("case").asText() + " " + c.get("dtype").asText(), c));
        }
        return out.stream();
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** The optimizer the case names, built by its provider as a model file's keys would build it. */
    @SuppressWarnings("unchecked")
    private static Optimizer optimizer(JsonNode keys) {
        Map<String, Object> values = new ObjectMapper().convertValue(keys, Map.class);
        String type = (String) values.get("type");
        OptimizerProvider provider = new OptimExtension().optimizers().stream().filter(p -> p.type().equals(type))
                .findFirst().orElseThrow();
        return provider.create(new MapConfig("optimizer", values), null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsTorchOptimStepByStep(String name, JsonNode c) {
        DType type = c.get("dtype").asText().equals("float32") ? DType.F32 : DType.F64;
        double tolerance = type == DType.F32 ? TOLERANCE_F32 : TOLERANCE_F64;
        double[] a = doubles(FIXTURE.get("a"));
        double[] target = doubles(FIXTURE.get("c"));
        Tensor w = Tensor.zeros(1, a.length, type);
        w.copyFrom(Tensor.wrap(doubles(FIXTURE.get("w0")), 1, a.length));
        Parameter p = Parameter.of("layers.0.weight", ParameterRole.WEIGHT, w);
        Optimizer optimizer = optimizer(c.get("optimizer"));
        optimizer.attach(List.of(p));
        double farthestFromFloat64 = 0;
        JsonNode wide = twin(c);
        for (int t = 0; t < FIXTURE.get("steps").asInt(); t++) {
            for (int i = 0; i < a.length; i++) {
                // the gradient in the parameter's type, as torch computes a * (w - c)
                p.gradient().set(i, type == DType.F32 ? (float) a[i] * ((float) w.get(i) - (float) target[i])
                        : a[i] * (w.get(i) - target[i]));
            }
            optimizer.step();
            double[] expected = doubles(c.get("values").get(t));
            double[] float64 = doubles(wide.get("values").get(t));
            for (int i = 0; i < a.length; i++) {
                assertEquals(expected[i], w.get(i), tolerance, name + ": value " + i + " after step " + (t + 1));
                farthestFromFloat64 = Math.max(farthestFromFloat64, Math.abs(w.get(i) - float64[i]));
            }
        }
        Map<String, Tensor> state = optimizer.stateTensors().get("layers.0.weight");
        double stateTolerance = type == DType.F32 ? STATE_TOLERANCE_F32 : TOLERANCE_F64;
        c.get("state").fields().forEachRemaining(e -> {
            Tensor buffer = state.get(e.getKey());
            assertEquals(type, buffer.dtype(), name + ": state " + e.getKey());
            double[] expected = doubles(e.getValue());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], buffer.get(i), stateTolerance * Math.max(1, Math.abs(expected[i])),
                        name + ": state " + e.getKey() + "[" + i + "]");
            }
        });
        if (type == DType.F32) {
            assertTrue(farthestFromFloat64 > 1e-9, name + " computed what float64 does: " + farthestFromFloat64);
        }
    }

    /** The float64 case of the same name. */
    private static JsonNode twin(JsonNode c) {
        for (JsonNode other : FIXTURE.get("cases")) {
            if (other.get("case").equals(c.get("case")) && other.get("dtype").asText().equals("float64")) {
                return other;
            }
        }
        throw new IllegalStateException("no float64 case " + c.get("case"));
    }

    /** Every optimizer nnj ships is in the fixture, in both types. */
    @Test
    void theFixtureCoversEveryOptimizerInBothTypes() {
        List<String> cases = new ArrayList<>();
        FIXTURE.get("cases").forEach(c -> cases.add(c.get("optimizer").get("type").asText() + " " + c.get("dtype").asText()));
        for (OptimizerProvider provider : new OptimExtension().optimizers()) {
            for (String type : List.of("float64", "float32")) {
                assertTrue(cases.contains(provider.type() + " " + type), provider.type() + " " + type + " in " + cases);
            }
        }
    }

    /**
     * Float32 parameters get float32 state (the step count stays float64), which {@code state()},
     * made for {@code double[]} buffers, cannot hand out: it says so, naming the parameter.
     */
    @Test
    void float32ParametersGetFloat32State() {
        Parameter narrow = Parameter.of("layers.0.weight", ParameterRole.WEIGHT, Tensor.zeros(2, 3, DType.F32));
        Parameter wide = Parameter.of("layers.1.weight", ParameterRole.WEIGHT, Tensor.zeros(2, 3));
        Optimizer adam = new Adam(1e-3, 0.9, 0.999, 1e-8, 0, false);
        adam.attach(List.of(narrow, wide));
        Map<String, Map<String, Tensor>> state = adam.stateTensors();
        assertEquals(List.of("exp_avg", "exp_avg_sq", "step"), List.copyOf(state.get("layers.0.weight").keySet()));
        assertEquals(DType.F32, state.get("layers.0.weight").get("exp_avg").dtype());
        assertEquals(DType.F64, state.get("layers.0.weight").get("step").dtype());
        assertEquals(DType.F64, state.get("layers.1.weight").get("exp_avg_sq").dtype());
        assertEquals("The state of float32 parameter 'layers.0.weight' is float32, not double[]; read it with "
                + "stateTensors().", assertThrows(IllegalStateException.class, adam::state).getMessage());
    }
}
