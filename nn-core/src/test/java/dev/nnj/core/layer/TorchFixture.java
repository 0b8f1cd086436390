package dev.nnj.core.layer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nnj.api.Buffer;
import dev.nnj.api.GradientListener;
import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.api.testkit.LayerPasses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The PyTorch reference cases of {@code src/test/resources/torch/layers} (written by
 * {@code tools/torch_layers.py}; the format is in its docstring): a layer's config, its parameters
 * and buffers in PyTorch's names and layout, and steps of inputs, output gradients and what torch
 * computed from them. {@link Case#check} runs the steps through a layer, as a workspace does, and
 * compares everything under a tolerance: |actual - expected| &lt;= tolerance · max(1, |expected|),
 * absolute near zero, relative for large values.
 */
final class TorchFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FOLDER = "/torch/layers/";

    private TorchFixture() {
    }

    /** A tensor of a fixture: its shape (batch first, for a step's tensors) and its values, row-major. */
    record Values(int[] shape, double[] values) {
        /** @return a new [shape[0], rest] tensor of the values: a batch of examples */
        Tensor batch() {
            int rows = shape.length == 0 ? 1 : shape[0];
            return Tensor.wrap(values.clone(), rows, values.length / rows);
        }
    }

    /** One step: the forward and backward pass in {@code mode} and what torch computed. */
    record Step(Mode mode, Values input, Values gradOutput, Values output, Values gradInput,
            Map<String, Values> paramGrads, Map<String, Values> buffersAfter) {
    }

    /** One fixture file. */
    record Case(String name, String layer, Map<String, Object> config, Shape inputShape, Shape outputShape,
            Map<String, Values> params, Map<String, Values> buffers, List<Step> steps) {

        /** @return the layer's model-file config, at {@code layers[0]} */
        MapConfig mapConfig() {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("type", layer);
            values.putAll(config);
            return new MapConfig("layers[0]", values);
        }

        /** Copies the case's parameters and buffers into {@code target}, by name, checking declared shapes. */
        void loadInto(Layer target) {
            assertSameNames("parameters", params.keySet(), target.parameters().stream().map(Parameter::path).toList());
            assertSameNames("buffers", buffers.keySet(), target.buffers().stream().map(Buffer::path).toList());
            for (Parameter p : target.parameters()) {
                Values v = params.get(p.path());
                assertShape(p.path(), v, p.shape());
                System.arraycopy(storage(p, v.values()), 0, p.value().data(), 0, p.value().size());
            }
            for (Buffer b : target.buffers()) {
                Values v = buffers.get(b.path());
                assertShape(b.path(), v, b.shape());
                System.arraycopy(v.values(), 0, b.value().data(), 0, b.value().size());
            }
        }

        /**
         * Runs every step through {@code target} (loaded with {@link #loadInto}) in one set of passes,
         * its state kept from step to step, and compares output, buffers, input gradient and this
         * step's parameter gradients with torch's.
         */
        void check(Layer target, double tolerance) {
            int maxBatch = steps.stream().mapToInt(s -> s.input().shape()[0]).max().orElse(1);
            LayerPasses passes = new LayerPasses(target, inputShape, maxBatch, 1);
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                String where = name + " step " + i + " (" + step.mode() + ") ";
                Tensor in = step.input().batch();
                Tensor out = Tensor.zeros(in.rows(), outputShape.size());
                Tensor gradIn = Tensor.zeros(in.rows(), in.cols());
                target.parameters().forEach(p -> p.gradient().zero());
                passes.forward(in, out, step.mode());
                assertClose(where + "output", step.output().values(), out.data(), tolerance);
                for (Buffer b : target.buffers()) {
                    Values expected = step.buffersAfter().get(b.path());
                    if (expected == null) {
                        throw new AssertionError(where + "has no value of the buffer " + b.path());
                    }
                    assertClose(where + "buffer " + b.path(), expected.values(), b.value().data(), tolerance);
                }
                passes.backward(in, out, step.gradOutput().batch(), gradIn, step.mode(), GradientListener.NONE);
                assertClose(where + "gradInput", step.gradInput().values(), gradIn.data(), tolerance);
                for (Parameter p : target.parameters()) {
                    Values expected = step.paramGrads().get(p.path());
                    if (expected == null) {
                        throw new AssertionError(where + "has no gradient of " + p.path());
                    }
                    assertClose(where + "gradient of " + p.path(), storage(p, expected.values()),
                            p.gradient().data(), tolerance);
                }
            }
            System.out.println("torch parity " + name + ": largest error " + largest(name) + " (tolerance " + tolerance
                    + ")");
        }
    }

    /**
     * Reads a case.
     *
     * @param name the file's name without {@code .json}, e.g. {@code conv2d-basic}
     */
    static Case load(String name) {
        JsonNode root = root(name);
        List<Step> steps = new ArrayList<>();
        for (JsonNode s : root.get("steps")) {
            Mode mode = "eval".equals(s.get("mode").asText()) ? Mode.INFERENCE : Mode.TRAIN;
            steps.add(new Step(mode, values(s.get("input")), values(s.get("gradOutput")), values(s.get("output")),
                    values(s.get("gradInput")), named(s.get("paramGrads")), named(s.get("buffersAfter"))));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = JSON.convertValue(root.get("config"), Map.class);
        return new Case(root.get("case").asText(), root.get("layer").asText(), config, shape(root.get("inputShape")),
                shape(root.get("outputShape")), named(root.get("params")), named(root.get("buffers")), steps);
    }

    /**
     * Reads a case's file as JSON, for fields beyond {@link Case}'s (a composite model's layers, its
     * targets and loss; a normalisation's adapt data).
     *
     * @param name the file's name without {@code .json}
     */
    static JsonNode root(String name) {
        try (InputStream in = TorchFixture.class.getResourceAsStream(FOLDER + name + ".json")) {
            if (in == null) {
                throw new AssertionError("no fixture " + FOLDER + name + ".json on the test class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a fixture tensor of {@link #root}'s JSON, e.g. {@code root.get("adaptData")} */
    static Values tensor(JsonNode node) {
        return values(node);
    }

    /**
     * Checks values under the tolerance of the class comment.
     *
     * @return the largest error, for the record
     * @throws AssertionError naming {@code what}, the index and both values of the worst mismatch
     */
    static double assertClose(String what, double[] expected, double[] actual, double tolerance) {
        if (actual.length < expected.length) {
            throw new AssertionError(what + ": " + actual.length + " values; expected " + expected.length);
        }
        int worst = -1;
        double worstError = 0;
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(actual[i] - expected[i]) / Math.max(1.0, Math.abs(expected[i]));
            if (!(error <= worstError)) {
                worstError = error;
                worst = i;
            }
        }
        if (worst >= 0 && !(worstError <= tolerance)) {
            throw new AssertionError(what + "[" + worst + "]: expected " + expected[worst] + ", got " + actual[worst]
                    + " (error " + worstError + " > tolerance " + tolerance + ")");
        }
        LARGEST.merge(what.split(" ")[0], worstError, Math::max);
        return worstError;
    }

    /** The largest error seen per case (the first word of {@code what}), printed by {@link Case#check}. */
    private static final Map<String, Double> LARGEST = new java.util.concurrent.ConcurrentHashMap<>();

    /** @return the largest error of every comparison of a case so far */
    static double largest(String name) {
        return LARGEST.getOrDefault(name, 0.0);
    }

    /** @return values given in a parameter's declared shape, laid out as its storage keeps them */
    private static double[] storage(Parameter p, double[] declared) {
        if (!p.transposed()) {
            return declared;
        }
        int rows = p.value().rows();
        int cols = p.value().cols();
        double[] out = new double[declared.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = declared[c * rows + r];
            }
        }
        return out;
    }

    private static void assertSameNames(String what, Set<String> expected, List<String> actual) {
        if (!new TreeSet<>(expected).equals(new TreeSet<>(actual))) {
            throw new AssertionError("the fixture has " + what + " " + new TreeSet<>(expected) + "; the layer has "
                    + new TreeSet<>(actual));
        }
    }

    private static void assertShape(String path, Values v, Shape declared) {
        if (!Arrays.equals(v.shape(), declared.dims())) {
            throw new AssertionError(path + ": the fixture's shape " + Arrays.toString(v.shape())
                    + ", the layer declares " + declared);
        }
    }

    private static Map<String, Values> named(JsonNode node) {
        Map<String, Values> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), values(e.getValue())));
        return out;
    }

    private static Values values(JsonNode node) {
        JsonNode values = node.get("values");
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).asDouble();
        }
        return new Values(dims(node.get("shape")), v);
    }

    private static int[] dims(JsonNode list) {
        int[] dims = new int[list.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = list.get(i).asInt();
        }
        return dims;
    }

    private static Shape shape(JsonNode list) {
        return Shape.of(dims(list));
    }
}
