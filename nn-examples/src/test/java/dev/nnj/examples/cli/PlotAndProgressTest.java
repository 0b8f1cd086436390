package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.train.EpochResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

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
        // The curves are drawn in the three series colours (training blue, validation orange, test green),
        // in the accuracy chart too.
        assertTrue(hasColour(image, 0, 0x1f77b4) && hasColour(image, 0, 0xff7f0e) && hasColour(image, 0, 0x2ca02c));
        assertTrue(hasColour(image, 640, 0x1f77b4), "the training accuracy, in the right-hand chart");
    }

    @Test
    void lossSpanningADecadeGetsALogarithmicAxisAndTheLegendsGoBelow() {
        List<EpochResult> history = List.of(epoch(1, 0.9, 0.74, 0.33, 0.88), epoch(2, 0.05, 0.99, 0.12, 0.96));
        List<XYChart> charts = CurvePlot.charts(history);
        XYChart loss = charts.get(0);
        assertTrue(loss.getStyler().isYAxisLogarithmic());
        assertEquals(1.0, loss.getStyler().getYAxisMax(), "up to the next power of ten, which gets a label");
        assertEquals("loss (log scale)", loss.getYAxisTitle());
        XYChart accuracy = charts.get(1);
        assertEquals(List.of("training", "validation", "test"), List.copyOf(accuracy.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {0.74, 0.99}, accuracy.getSeriesMap().get("training").getYData());
        for (XYChart chart : charts) {
            assertEquals(Styler.LegendPosition.OutsideS, chart.getStyler().getLegendPosition());
            assertEquals(Styler.LegendLayout.Horizontal, chart.getStyler().getLegendLayout());
        }
    }

    @Test
    void lossWithinADecadeKeepsALinearAxis() {
        XYChart loss = CurvePlot.charts(List.of(epoch(1, 0.48, 0.83, 0.42, 0.85), epoch(2, 0.29, 0.89, 0.37, 0.86)))
                .get(0);
        assertFalse(loss.getStyler().isYAxisLogarithmic());
        assertEquals("loss", loss.getYAxisTitle());
    }

    private static EpochResult epoch(int n, double trainLoss, double trainAccuracy, double loss, double accuracy) {
        Evaluation e = new Evaluation(loss, accuracy, Double.NaN, new int[2][2], 10);
        return new EpochResult(n, trainLoss, e, 1, 1, e, trainAccuracy);
    }

    /** @return whether a pixel of colour {@code rgb} lies at or right of column {@code fromX} */
    private static boolean hasColour(BufferedImage image, int fromX, int rgb) {
        for (int x = fromX; x < image.getWidth(); x++) {
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
