package dev.nnj.examples.cli;

import dev.nnj.core.train.EpochResult;
import dev.nnj.core.train.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per epoch on a terminal: batches done, batches per second, time left and the
 * running mean loss. Used only when the output is a terminal and not JSON; elsewhere the plain
 * per-epoch lines stand alone.
 */
final class ProgressBarListener implements TrainingListener {
    private final PrintStream stream;
    private final int epochs;
    private int batches;
    private ProgressBar bar;
    private double lossSum;
    private int seen;

    ProgressBarListener(PrintStream stream, int epochs) {
        this.stream = stream;
        this.epochs = epochs;
    }

    /**
     * @param progress the option's value: {@code auto} (a bar on a terminal, not with JSON output),
     *     {@code bar} or {@code none}
     * @return whether to show the bar
     * @throws IllegalArgumentException for another value
     */
    static boolean wanted(String progress, boolean json, boolean terminal) {
        return switch (progress) {
            case "auto" -> terminal && !json;
            case "bar" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("expected auto, bar or none; got '" + progress + "'.");
        };
    }

    /** @return whether this JVM writes to a terminal */
    static boolean onTerminal() {
        return System.console() != null;
    }

    @Override
    public void onTrainingStart(int epochCount, int batchesPerEpoch) {
        this.batches = batchesPerEpoch;
    }

    @Override
    public void onEpochStart(int epoch) {
        lossSum = 0;
        seen = 0;
        bar = new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                .setInitialMax(batches)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" batches", 1)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .setUpdateIntervalMillis(200)
                .build();
    }

    @Override
    public void onBatchEnd(int epoch, int batch, double loss) {
        lossSum += loss;
        seen++;
        bar.step();
        if (batch % 10 == 0 || batch == batches) {
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", lossSum / seen));
        }
    }

    @Override
    public void onEpochEnd(EpochResult result) {
        bar.close();
    }
}
