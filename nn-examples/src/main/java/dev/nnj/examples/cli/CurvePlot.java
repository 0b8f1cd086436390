package dev.nnj.examples.cli;

import dev.nnj.api.NnException;
import java.awt.Color;
import dev.nnj.core.train.EpochResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes the training curves as one PNG, headless: loss per epoch (training, validation, test) on
 * the left, accuracy (or MAE for regression) per epoch on the right.
 */
final class CurvePlot {
    private CurvePlot() {
    }

    static void write(Path file, List<EpochResult> history) {
        System.setProperty("java.awt.headless", "true");
        double[] epochs = values(history, r -> (double) r.epoch());
        XYChart loss = chart("Loss", "loss");
        color(loss.addSeries("training", epochs, values(history, EpochResult::trainLoss)), TRAINING);
        boolean classification = history.get(0).test() == null || history.get(0).test().isClassification();
        XYChart metric = chart(classification ? "Accuracy" : "Mean absolute error", classification ? "accuracy" : "MAE");
        if (history.get(0).validation() != null) {
            color(loss.addSeries("validation", epochs, values(history, r -> r.validation().loss())), VALIDATION);
            color(metric.addSeries("validation", epochs, values(history, r -> metric(r.validation(), classification))),
                    VALIDATION);
        }
        if (history.get(0).test() != null) {
            color(loss.addSeries("test", epochs, values(history, r -> r.test().loss())), TEST);
            color(metric.addSeries("test", epochs, values(history, r -> metric(r.test(), classification))), TEST);
        }
        List<Chart> charts = new ArrayList<>(List.of(loss));
        if (!metric.getSeriesMap().isEmpty()) {
            charts.add(metric);
        }
        String name = file.toString();
        String base = name.toLowerCase().endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        try {
            BitmapEncoder.saveBitmap(charts, 1, charts.size(), base, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException | RuntimeException e) {
            throw new NnException("Cannot write the plot " + file + ": " + e.getMessage(), e);
        }
    }

    /** One colour per data set, the same in both charts. */
    private static final Color TRAINING = new Color(0x1f77b4);
    private static final Color VALIDATION = new Color(0xff7f0e);
    private static final Color TEST = new Color(0x2ca02c);

    private static void color(XYSeries series, Color c) {
        series.setLineColor(c);
        series.setMarkerColor(c);
    }

    private static double metric(dev.nnj.core.eval.Evaluation e, boolean classification) {
        return classification ? e.accuracy() : e.meanAbsoluteError();
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle("epoch").yAxisTitle(yTitle)
                .build();
        chart.getStyler().setMarkerSize(5);
        return chart;
    }

    private static double[] values(List<EpochResult> history, Function<EpochResult, Double> f) {
        double[] v = new double[history.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.apply(history.get(i));
        }
        return v;
    }
}
