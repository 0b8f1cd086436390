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
import org.knowm.xchart.style.Styler;

/**
 * Writes the training curves as one PNG, headless: loss per epoch (training, validation, test) on
 * the left, on a logarithmic axis where the losses span a factor of ten or more (the first epoch's
 * loss then squashes a linear one); accuracy per epoch (training, as seen during training;
 * validation; test), or the MAE for regression (validation, test), on the right. Legends go below
 * the plots.
 */
final class CurvePlot {
    private CurvePlot() {
    }

    @SuppressWarnings("rawtypes") // XChart's saveBitmap takes a List of the raw Chart type
    static void write(Path file, List<EpochResult> history) {
        System.setProperty("java.awt.headless", "true");
        List<XYChart> charts = charts(history);
        String name = file.toString();
        String base = name.toLowerCase().endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        try {
            BitmapEncoder.saveBitmap(new ArrayList<Chart>(charts), 1, charts.size(), base,
                    BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException | RuntimeException e) {
            throw new NnException("Cannot write the plot " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the loss chart, and the accuracy (or MAE) chart where there is a series for it */
    static List<XYChart> charts(List<EpochResult> history) {
        double[] epochs = values(history, r -> (double) r.epoch());
        EpochResult first = history.get(0);
        boolean classification = first.test() != null ? first.test().isClassification()
                : first.validation() != null ? first.validation().isClassification()
                : !Double.isNaN(first.trainAccuracy());
        XYChart loss = chart("Loss", "loss");
        XYChart metric = chart(classification ? "Accuracy" : "Mean absolute error", classification ? "accuracy" : "MAE");
        color(loss.addSeries("training", epochs, values(history, EpochResult::trainLoss)), TRAINING);
        if (classification && !Double.isNaN(first.trainAccuracy())) {
            color(metric.addSeries("training", epochs, values(history, EpochResult::trainAccuracy)), TRAINING);
        }
        if (first.validation() != null) {
            color(loss.addSeries("validation", epochs, values(history, r -> r.validation().loss())), VALIDATION);
            color(metric.addSeries("validation", epochs, values(history, r -> metric(r.validation(), classification))),
                    VALIDATION);
        }
        if (first.test() != null) {
            color(loss.addSeries("test", epochs, values(history, r -> r.test().loss())), TEST);
            color(metric.addSeries("test", epochs, values(history, r -> metric(r.test(), classification))), TEST);
        }
        double[] range = range(loss);
        // A logarithmic axis labels powers of ten only: worth it from a factor of ten between the losses.
        if (range[0] > 0 && range[1] >= 10 * range[0]) {
            loss.getStyler().setYAxisLogarithmic(true);
            loss.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(range[1]))));
            loss.setYAxisTitle("loss (log scale)");
        }
        return metric.getSeriesMap().isEmpty() ? List.of(loss) : List.of(loss, metric);
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

    /** @return the smallest and the largest value of the chart; the smallest is 0 if one is not finite and > 0 */
    private static double[] range(XYChart chart) {
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double v : series.getYData()) {
                smallest = v > 0 && Double.isFinite(v) ? Math.min(smallest, v) : 0;
                largest = Math.max(largest, v);
            }
        }
        return new double[] {smallest, largest};
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle("epoch").yAxisTitle(yTitle)
                .build();
        chart.getStyler().setMarkerSize(5);
        // Below the plot in one row: beside it, the legend took a fifth of the width.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
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
