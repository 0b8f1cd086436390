package dev.nnj.core.train;

import dev.nnj.api.NnException;
import dev.nnj.core.eval.ClassificationMetrics;
import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.eval.RegressionMetrics;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes one CSV line of metrics per epoch: {@code epoch,trainLoss,validationLoss,validationMetric,
 * testLoss,testMetric,seconds,testMacroF1,testLogLoss,testRocAuc,testRmse,testR2} (the metric is
 * accuracy for classification, MAE for regression; macro F1, log loss and, for two classes,
 * ROC-AUC for classification, RMSE and R² for regression; empty where there is no such data or
 * metric), flushed after every epoch so that it can be watched.
 */
public final class CsvLog implements TrainingListener, AutoCloseable {
    private final Path file;
    private final Writer out;

    /**
     * Creates (or truncates) the log and writes its header line.
     *
     * @param file the CSV file to write; its directory must exist
     * @throws NnException naming the file if it cannot be written
     */
    public CsvLog(Path file) {
        this.file = file;
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write("epoch,trainLoss,validationLoss,validationMetric,testLoss,testMetric,seconds,"
                    + "testMacroF1,testLogLoss,testRocAuc,testRmse,testR2\n");
            out.flush();
        } catch (IOException e) {
            throw new NnException("Cannot write the metrics log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onEpochEnd(EpochResult r) {
        try {
            out.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%.3f,%s%n", r.epoch(), r.trainLoss(),
                    loss(r.validation()), metric(r.validation()), loss(r.test()), metric(r.test()), r.seconds(),
                    details(r.test())));
            out.flush();
        } catch (IOException e) {
            throw new NnException("Cannot write the metrics log " + file + ": " + e.getMessage(), e);
        }
    }

    private static String loss(Evaluation e) {
        return e == null ? "" : Double.toString(e.loss());
    }

    private static String metric(Evaluation e) {
        return e == null ? "" : Double.toString(e.isClassification() ? e.accuracy() : e.meanAbsoluteError());
    }

    /** @return macro F1, log loss, ROC-AUC, RMSE and R², each empty where it does not apply */
    private static String details(Evaluation e) {
        ClassificationMetrics c = e == null ? null : e.classificationMetrics();
        RegressionMetrics g = e == null ? null : e.regressionMetrics();
        return String.join(",", c == null ? "" : Double.toString(c.macro().f1()),
                c == null ? "" : Double.toString(c.logLoss()),
                c == null || c.classes() != 2 || Double.isNaN(c.rocAuc()) ? "" : Double.toString(c.rocAuc()),
                g == null ? "" : Double.toString(g.rootMeanSquaredError()),
                g == null ? "" : Double.toString(g.r2()));
    }

    @Override
    public void onTrainingEnd(java.util.List<EpochResult> history) {
        close();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new NnException("Cannot close the metrics log " + file + ": " + e.getMessage(), e);
        }
    }
}
