package dev.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.ModelConfigException;
import dev.nnj.api.NnException;
import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.core.ModelBuilder;
import dev.nnj.core.Models;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.activation.Relu;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.layer.ActivationLayer;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.model.Sequential;
import dev.nnj.examples.cli.DataSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model built in code is the model file it mirrors: the same model.json, parameters, names and
 * predictions; the same messages; and saving checks that what it writes loads.
 */
class ModelBuilderTest {
    private static final NnRuntime RUNTIME = NnRuntime.discover();

    @TempDir
    Path dir;

    /** models/digits-mlp.json, key for key. */
    private static ModelBuilder digitsMlp() {
        return Models.sequential(Shape.of(64))
                .dense(256, "relu")
                .dense(10)
                .loss("softmax-cross-entropy")
                .optimizer("momentum", o -> o.set("learningRate", 0.05).set("momentum", 0.9))
                .batchSize(32)
                .epochs(30)
                .seed(42);
    }

    @Test
    void theDigitsMlpBuiltInCodeIsTheModelFileItMirrors() throws Exception {
        ModelSpec file = RUNTIME.read(Path.of("..", "models", "digits-mlp.json"));
        ModelSpec code = digitsMlp().spec();
        assertEquals(new String(ModelArchive.modelJson(file)), new String(ModelArchive.modelJson(code)),
                "the model.json a user would have written");
        AssembledModel fromFile = RUNTIME.assemble(file);
        AssembledModel fromCode = digitsMlp().build(RUNTIME);
        assertEquals(fromFile.model().names(), fromCode.model().names());
        List<Parameter> a = fromFile.model().parameters();
        List<Parameter> b = fromCode.model().parameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).path(), b.get(i).path());
            assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(), a.get(i).path());
        }
        Tensor x = DataSources.digits().features();
        assertArrayEquals(fromFile.model().predict(x).data(), fromCode.model().predict(x).data());

        Path saved = dir.resolve("code.nnj");
        ModelArchive.save(saved, fromCode);
        AssembledModel loaded = ModelArchive.load(saved, RUNTIME.assembler());
        assertArrayEquals(fromCode.model().predict(x).data(), loaded.model().predict(x).data());
    }

    @Test
    void aMistakeInCodeGetsTheModelFilesMessage() {
        String json = "{\"input\": [64], \"layers\": [{\"type\": \"dense\", \"unit\": 10}], \"loss\": "
                + "\"softmax-cross-entropy\", \"optimizer\": \"adam\"}";
        NnException fromFile = assertThrows(NnException.class, () -> RUNTIME.assemble(ModelFileReader.read(json,
                ModelBuilder.SOURCE)));
        NnException fromCode = assertThrows(NnException.class, () -> Models.sequential(Shape.of(64))
                .layer("dense", o -> o.set("unit", 10)).loss("softmax-cross-entropy").optimizer("adam")
                .build(RUNTIME));
        assertEquals(fromFile.getMessage(), fromCode.getMessage());
        NnException unknownType = assertThrows(NnException.class, () -> Models.sequential(Shape.of(64))
                .layer("dens", o -> o.set("units", 10)).loss("softmax-cross-entropy").optimizer("adam")
                .build(RUNTIME));
        assertEquals(true, unknownType.getMessage().startsWith("<code>: layers[0]: unknown layer type 'dens'. Did you "
                + "mean 'dense'?"), unknownType.getMessage());
    }

    /**
     * The case: a network put together with Sequential.builder names its second dense layer
     * layers.2 (the activation counted), its spec layers.1; saving it used to write a file that could
     * not be loaded. Now nothing is written and the message says why.
     */
    @Test
    void aSaveThatCouldNotBeLoadedIsRefusedBeforeAnythingIsWritten() {
        ModelSpec spec = Models.sequential(Shape.of(64)).dense(128, "relu").dense(10).loss("softmax-cross-entropy")
                .optimizer("adam").spec();
        Sequential byHand = Sequential.builder(Shape.of(64)).add(new DenseLayer(64, 128))
                .add(new ActivationLayer(new Relu())).add(new DenseLayer(128, 10)).build();
        Path file = dir.resolve("d.nnj");
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelArchive.save(file, spec, byHand));
        assertEquals("Cannot save " + file + ": the model's layers are named layers.0, layers.1, layers.2, but loading "
                + "builds its spec's layers as layers.0, layers.0.activation, layers.1, so the file could not be loaded. "
                + "Build the model from its spec (Models.sequential(...).build(runtime), or runtime.assemble(spec)) and "
                + "save that.", e.getMessage());
        assertFalse(Files.exists(file));
        AssembledModel noSpec = new AssembledModel(byHand, RUNTIME.assemble(spec).loss(),
                RUNTIME.assemble(spec).optimizer(), RUNTIME.assemble(spec).training());
        assertThrows(ModelConfigException.class, () -> ModelArchive.save(file, noSpec));
        assertFalse(Files.exists(file));
    }

    @Test
    void frozenMarksTheLayerAddedLastAsNotTrainable() {
        ModelBuilder b = Models.sequential(Shape.of(64)).dense(128, "relu").frozen().dense(10)
                .loss("softmax-cross-entropy").optimizer("adam");
        assertEquals(false, ((java.util.Map<?, ?>) ((List<?>) b.values().get("layers")).get(0)).get("trainable"));
        Sequential model = b.build(RUNTIME).model();
        assertFalse(model.isTrainable("layers.0"));
        assertEquals(true, model.isTrainable("layers.1"));
        assertEquals(128 * 10 + 10, model.trainableParameterCount());
    }

    @Test
    void dtypeIsTheModelFilesDtype() {
        ModelBuilder b = Models.sequential(Shape.of(64)).dense(16, "relu").dense(10).loss("softmax-cross-entropy")
                .optimizer("adam").dtype(dev.nnj.api.DType.F32);
        assertEquals("float32", b.values().get("dtype"));
        Sequential model = b.build(RUNTIME).model();
        assertEquals(dev.nnj.api.DType.F32, model.dtype());
        assertEquals(dev.nnj.api.DType.F32, model.parameters().get(0).value().dtype());
        assertThrows(IllegalArgumentException.class, () -> b.dtype(dev.nnj.api.DType.I64));
    }

    /** Data from arrays in one call, and fit(train, validation) returning every epoch's metrics. */
    @Test
    void fitsArraysWithAValidationSetAndReturnsEveryEpoch() {
        dev.nnj.core.data.DataSet digits = DataSources.digits();
        double[][] x = new double[digits.size()][];
        int[] y = new int[digits.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = digits.features().row(i);
            y[i] = digits.label(i);
        }
        dev.nnj.core.data.DataSet train = dev.nnj.core.data.DataSet.classification("train",
                java.util.Arrays.copyOfRange(x, 0, 1_500), java.util.Arrays.copyOfRange(y, 0, 1_500));
        dev.nnj.core.data.DataSet validation = dev.nnj.core.data.DataSet.classification("validation",
                java.util.Arrays.copyOfRange(x, 1_500, x.length), java.util.Arrays.copyOfRange(y, 1_500, y.length));
        List<dev.nnj.core.train.EpochResult> history = Models.sequential(Shape.of(64)).dense(64, "relu").dense(10)
                .loss("softmax-cross-entropy").optimizer("adam", o -> o.set("learningRate", 1e-2)).epochs(5)
                .build(RUNTIME).fit(train, validation);
        assertEquals(5, history.size());
        assertEquals(297, history.get(4).validation().examples());
        assertEquals(true, history.get(4).validation().accuracy() >= 0.9, history.get(4).toString());
    }
}
