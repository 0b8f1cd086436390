package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotAndProgressTest {
    @TempDir
    Path dir;

    @Test
    void plotIsAValidPngWithALossAndAnAccuracyChart() throws Exception {
        Path png = dir.resolve("curves.png");
        CliRun run = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--epochs", "5",
                "--validation-split", "0.1", "--plot", png.toString());
        assertEquals(0, run.exitCode(), run.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth(), "two 640-pixel charts side by side");
        assertEquals(420, image.getHeight());
        // The curves are drawn in the three series colours (training blue, validation orange, test green).
        assertTrue(hasColour(image, 0x1f77b4) && hasColour(image, 0xff7f0e) && hasColour(image, 0x2ca02c));
    }

    private static boolean hasColour(BufferedImage image, int rgb) {
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void progressBarShowsTheEpochAndCompletes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBarListener bar = new ProgressBarListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2);
        bar.onTrainingStart(2, 20);
        bar.onEpochStart(1);
        for (int b = 1; b <= 20; b++) {
            bar.onBatchEnd(1, b, 0.5);
        }
        bar.onEpochEnd(null);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("epoch 1/2"), out);
        assertTrue(out.contains("100%"), out);
        assertTrue(out.contains("20/20"), out);
        assertTrue(out.contains("loss 0.5000"), out);
    }

    @Test
    void showsTheBarOnlyWhereAsked() {
        assertTrue(ProgressBarListener.wanted("auto", false, true), "auto, on a terminal");
        assertFalse(ProgressBarListener.wanted("auto", false, false), "auto, not on a terminal");
        assertFalse(ProgressBarListener.wanted("auto", true, true), "auto with --json");
        assertTrue(ProgressBarListener.wanted("bar", true, false));
        assertFalse(ProgressBarListener.wanted("none", false, true));
        CliRun run = CliRun.run("train", "--model", CliRun.model("digits-mlp.json"), "--data", "digits", "--progress",
                "fancy");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("--progress: expected auto, bar or none; got 'fancy'."), run.err());
    }
}
