package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An extension jar compiled against nnj 0.1's nn-api, kept as it was built (acme's extension at
 * commit 8a2e2a9, in src/test/resources/compat), still loads through --plugins and trains: the SPI
 * may grow, but a jar built against an earlier nn-api keeps working without a rebuild.
 */
class Api01ExtensionTest {
    private static final Path COMPAT = Path.of("src", "test", "resources", "compat");

    @Test
    void anExtensionBuiltAgainstNnApi01LoadsAndTrains(@TempDir Path plugins) throws Exception {
        Files.copy(COMPAT.resolve("acme-extension-1.0.0-nnj-0.1.jar"), plugins.resolve("acme-extension-1.0.0.jar"));

        CliRun list = CliRun.run("list", "--plugins", plugins.toString());
        assertEquals(0, list.exitCode(), list.err());
        for (String row : new String[] {"layer +acme\\.gated-dense", "activation +acme\\.swish", "optimizer +acme\\.lion"}) {
            assertTrue(list.out().matches("(?s).*\\n" + row + " .*acme-extension-1\\.0\\.0\\.jar.*"), list.out());
        }

        CliRun train = CliRun.run("train", "--plugins", plugins.toString(), "--model",
                COMPAT.resolve("digits-acme.json").toString(), "--data", "digits", "--json", "--progress", "none");
        assertEquals(0, train.exitCode(), train.err());
        JsonNode summary = new ObjectMapper().readTree(train.lastLine());
        double accuracy = summary.get("testAccuracy").asDouble();
        // CI's threshold for the same model built from today's sources (.ci/run); it reached 0.9639.
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy + " < 0.95");
    }

    /**
     * In a float32 model, the 0.1 jar's layer and activation run in float64 behind the boundary
     * conversion, and its optimizer, which reads data(), is refused by name before training.
     */
    @Test
    void inAFloat32ModelTheOldLayerRunsConvertedAndTheOldOptimizerIsRefused(@TempDir Path plugins)
            throws Exception {
        Files.copy(COMPAT.resolve("acme-extension-1.0.0-nnj-0.1.jar"), plugins.resolve("acme-extension-1.0.0.jar"));
        String model = COMPAT.resolve("digits-acme.json").toString();
        CliRun refused = CliRun.run("train", "--plugins", plugins.toString(), "--model", model, "--data", "digits",
                "--dtype", "float32", "--progress", "none");
        assertEquals(1, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("optimizer (acme.lion): this optimizer updates float64 parameters only"),
                refused.err());

        double[] accuracy = new double[2];
        String[] types = {"float64", "float32"};
        for (int i = 0; i < 2; i++) {
            CliRun train = CliRun.run("train", "--plugins", plugins.toString(), "--model", model, "--data", "digits",
                    "--dtype", types[i], "--optimizer", "adam", "--json", "--progress", "none");
            assertEquals(0, train.exitCode(), train.err());
            accuracy[i] = new ObjectMapper().readTree(train.lastLine()).get("testAccuracy").asDouble();
        }
        CliRun header = CliRun.run("train", "--plugins", plugins.toString(), "--model", model, "--data", "digits",
                "--dtype", "float32", "--optimizer", "adam", "--epochs", "1", "--progress", "none");
        assertTrue(header.out().contains("float64, converted at their boundary (they do not support float32): "
                + "layers[0] (acme.gated-dense), layers[0].activation (acme.swish)"), header.out());
        // Adam at its default lr 1e-3 for the model's 30 epochs; float32 within 1.5 points of float64.
        assertTrue(accuracy[1] >= 0.94, "float32 test accuracy " + accuracy[1]);
        assertEquals(accuracy[0], accuracy[1], 0.015, "float32 against float64");
    }
}
