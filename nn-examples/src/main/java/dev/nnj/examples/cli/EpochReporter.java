package dev.nnj.examples.cli;

import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.math.Kernels;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.train.EarlyStopping;
import dev.nnj.core.train.EpochResult;
import dev.nnj.core.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/** Prints training progress: a readable line per epoch, or one JSON object per line. */
final class EpochReporter implements TrainingListener {
    private final PrintWriter out;
    private final boolean json;
    private final int epochs;
    private IntFunction<String> classNames;

    EpochReporter(PrintWriter out, boolean json, int epochs) {
        this.out = out;
        this.json = json;
        this.epochs = epochs;
    }

    /** Names the classes as a table's label does, in the summary's tables; {@code null} for numbers. */
    EpochReporter classNames(IntFunction<String> names) {
        this.classNames = names;
        return this;
    }

    void header(Path modelFile, AssembledModel m, DataSet train, DataSet test, Kernels kernels) {
        out.printf(Locale.ROOT, "model %s: %s, %s%n", modelFile, m.model(), parameters(m.model()));
        out.printf(Locale.ROOT, "loss %s, optimizer %s, batch size %d%s, %d epochs, seed %d%n", m.loss(), m.optimizer(),
                m.training().batchSize(), m.training().dropLast() ? " (a short last batch dropped)" : "",
                m.training().epochs(), m.training().seed());
        out.printf(Locale.ROOT, "backend: %s, %d thread%s%s%n", kernels.description(), kernels.threads(),
                kernels.threads() == 1 ? "" : "s", m.model().dtype() == dev.nnj.api.DType.F32 ? ", float32" : "");
        if (!m.model().convertedLayers().isEmpty()) {
            out.printf(Locale.ROOT, "float64, converted at their boundary (they do not support float32): %s%n",
                    String.join(", ", m.model().convertedLayers()));
        }
        out.printf(Locale.ROOT, "data: %,d training examples (%s), %,d test examples (%s)%n", train.size(), train.name(),
                test.size(), test.name());
        out.flush();
    }

    /** @return e.g. {@code 19,210 parameters}, then {@code (2,570 trainable, 16,640 frozen)} if a layer is frozen */
    static String parameters(Sequential model) {
        long all = model.parameterCount();
        long trainable = model.trainableParameterCount();
        String count = String.format(Locale.ROOT, "%,d parameters", all);
        return trainable == all ? count
                : count + String.format(Locale.ROOT, " (%,d trainable, %,d frozen)", trainable, all - trainable);
    }

    @Override
    public void onEpochEnd(EpochResult r) {
        Evaluation t = r.test();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("epoch", r.epoch());
            o.put("trainLoss", r.trainLoss());
            if (r.validation() != null) {
                o.put("validationLoss", r.validation().loss());
                o.put(r.validation().isClassification() ? "validationAccuracy" : "validationMae",
                        r.validation().isClassification() ? r.validation().accuracy() : r.validation().meanAbsoluteError());
            }
            o.put("testLoss", t.loss());
            putMetric(o, t);
            o.put("samplesPerSecond", Math.round(r.samplesPerSecond()));
            println(o);
        } else {
            String held = r.validation() == null ? "" : String.format(Locale.ROOT, "  validation loss %.4f",
                    r.validation().loss());
            out.printf(Locale.ROOT, "epoch %" + epochWidth() + "d/%d  train loss %.4f%s  test loss %.4f  %s  %,.0f samples/s%n",
                    r.epoch(), epochs, r.trainLoss(), held, t.loss(), metricText(t), r.samplesPerSecond());
        }
        out.flush();
    }

    void summary(List<EpochResult> history, Evaluation last, double seconds, EarlyStopping stopping) {
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("summary", true);
            o.put("epochs", history.get(history.size() - 1).epoch());
            o.put("trainLoss", history.get(history.size() - 1).trainLoss());
            o.put("testLoss", last.loss());
            putMetric(o, last);
            o.put("testExamples", last.examples());
            o.put("seconds", Math.round(seconds * 1000) / 1000.0);
            if (stopping != null) {
                o.put("stoppedEarly", stopping.stoppedEarly());
                o.put("bestEpoch", stopping.bestEpoch());
            }
            if (last.isClassification()) {
                o.put("confusionMatrix", last.confusion());
            }
            MetricsReport.put(o, "test", last, classNames);
            println(o);
        } else {
            if (last.isClassification()) {
                ConfusionMatrix.print(out, last, classNames);
            }
            MetricsReport.print(out, last, classNames);
            if (stopping != null) {
                out.printf(Locale.ROOT, "%s; weights of the best epoch, %d (monitored loss %.4f), restored%n",
                        stopping.stoppedEarly() ? "stopped early" : "ran every epoch", stopping.bestEpoch(),
                        stopping.bestLoss());
            }
            out.printf(Locale.ROOT, "final: %s on %,d test examples (test loss %.4f) after %d epochs in %.1f s%n",
                    metricText(last), last.examples(), last.loss(), history.get(history.size() - 1).epoch(), seconds);
        }
    }

    private static void putMetric(Map<String, Object> o, Evaluation t) {
        if (t.isClassification()) {
            o.put("testAccuracy", t.accuracy());
        } else {
            o.put("testMae", t.meanAbsoluteError());
        }
    }

    private static String metricText(Evaluation t) {
        return t.isClassification()
                ? String.format(Locale.ROOT, "test accuracy %.4f", t.accuracy())
                : String.format(Locale.ROOT, "test MAE %.4f", t.meanAbsoluteError());
    }

    private int epochWidth() {
        return Integer.toString(epochs).length();
    }

    private void println(Map<String, Object> o) {
        out.println(Json.line(o));
    }
}
