package dev.nnj.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default {@link Optimizer#stateTensors()} of an optimizer written against 0.1, which has only
 * {@link Optimizer#state()}: its buffers as live float64 views, in its order, empty ones left out.
 */
class OptimizerStateTensorsTest {

    /** A 0.1-style optimizer: state as double[] only. */
    private static class Old implements Optimizer {
        final double[] momentum = {1, 2, 3};
        final double[] step = {7};

        @Override
        public void attach(List<Parameter> parameters) {
        }

        @Override
        public void step() {
        }

        @Override
        public double learningRate() {
            return 0.1;
        }

        @Override
        public void setLearningRate(double learningRate) {
        }

        @Override
        public Map<String, Map<String, double[]>> state() {
            Map<String, double[]> buffers = new LinkedHashMap<>();
            buffers.put("momentum", momentum);
            buffers.put("nothing", new double[0]);
            buffers.put("step", step);
            return Map.of("layers.0.weight", buffers);
        }
    }

    @Test
    void wrapsTheLiveBuffersAsFloat64Rows() {
        Old old = new Old();
        Map<String, Tensor> tensors = old.stateTensors().get("layers.0.weight");
        assertEquals(List.of("momentum", "step"), List.copyOf(tensors.keySet()));
        Tensor momentum = tensors.get("momentum");
        assertEquals(DType.F64, momentum.dtype());
        assertEquals(1, momentum.rows());
        assertEquals(3, momentum.cols());
        assertSame(old.momentum, momentum.data());
        tensors.get("step").copyFrom(Tensor.wrap(new float[] {9}, 1, 1));
        assertEquals(9.0, old.step[0], "writing into the view restores the optimizer's own buffer");
    }

    @Test
    void aStatelessOptimizerHasNone() {
        Optimizer stateless = new Old() {
            @Override
            public Map<String, Map<String, double[]>> state() {
                return Map.of();
            }
        };
        assertEquals(Map.of(), stateless.stateTensors());
    }
}
