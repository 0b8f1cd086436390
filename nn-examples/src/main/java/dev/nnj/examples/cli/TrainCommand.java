package dev.nnj.examples.cli;

import dev.nnj.api.ModelConfigException;
import dev.nnj.api.UnknownComponentException;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.json.Checkpointer;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.table.TableOptions;
import dev.nnj.core.table.TableSchema;
import dev.nnj.core.train.CsvLog;
import dev.nnj.core.train.EarlyStopping;
import dev.nnj.core.train.Trainer;
import dev.nnj.core.eval.Evaluator;
import dev.nnj.core.train.EpochResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nnj train}: trains a model file on a data set and reports test metrics per epoch; or trains
 * a saved model further (fine-tuning: its weights, a fresh optimizer), or goes on from a checkpoint.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the model of a JSON model file, or a saved model (.nnj) further, and evaluate it on "
                + "test data after every epoch.")
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL.json|M.nnj", description = "The model file, or a saved model "
            + "(or checkpoint) to fine-tune: from its weights, with a fresh optimizer, its options unless overridden, "
            + "epochs counted from 1 (not with --resume).")
    private Path model;

    @Option(names = "--init-weights", paramLabel = "W.safetensors", description = "Start from these weights (e.g. "
            + "PyTorch's, the layout 'nnj export' writes) instead of the seed's; with --model MODEL.json.")
    private Path initWeights;

    @Option(names = "--optimizer", paramLabel = "SPEC", description = "Replaces the model file's optimizer: a type id "
            + "(adam) or JSON as in a model file ('{\"type\": \"adam\", \"learningRate\": 1e-4}'); not with --resume.")
    private String optimizer;

    @Option(names = "--resume", paramLabel = "CHECKPOINT.nnj",
            description = "Go on from a checkpoint (e.g. DIR/last.nnj): its model, weights, optimizer state and epoch.")
    private Path resume;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Write checkpoints there: epoch-NNNN.nnj, last.nnj and best.nnj (lowest validation loss). "
                    + "It may hold the --resume checkpoint (go on in the same directory), no other input.")
    private Path checkpointDir;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "1",
            description = "Epochs between checkpoints (default ${DEFAULT-VALUE}; the last epoch always).")
    private int checkpointEvery;

    @Option(names = "--keep", paramLabel = "K", defaultValue = "3",
            description = "Epoch checkpoints to keep besides last and best (default ${DEFAULT-VALUE}).")
    private int keep;

    @Option(names = "--data", required = true, paramLabel = "DATA",
            description = "Training data: digits (embedded), fashion-mnist[:DIR], idx:IMAGES,LABELS or csv:FILE. "
                    + "Without --test-data, sources without a test part are split 80/20 with a fixed seed.")
    private String data;

    @Option(names = "--test-data", paramLabel = "DATA", description = "Test data, in the same forms as --data.")
    private String testData;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "CSV tables: the label column, by name or by number counting from 1; overrides the model "
                    + "file's table.label (default: the last column).")
    private String label;

    @Option(names = "--ignore", paramLabel = "A,B", description = "CSV tables: columns the model does not see (ids, "
            + "free text); overrides table.ignore.")
    private String ignore;

    @Option(names = "--categorical", paramLabel = "A,B", description = "CSV tables: columns to one-hot although "
            + "their values are numbers; overrides table.categorical.")
    private String categorical;

    @Option(names = "--numeric", paramLabel = "A,B", description = "CSV tables: columns that must be numbers; "
            + "overrides table.numeric.")
    private String numeric;

    @Option(names = "--epochs", paramLabel = "N", description = "Overrides the model file's epochs.")
    private Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Overrides the model file's batchSize.")
    private Integer batchSize;

    @Option(names = "--dtype", paramLabel = "TYPE", description = "float64 or float32: the element type the model "
            + "computes in; overrides the model file's dtype (default float64).")
    private String dtype;

    @Option(names = "--drop-last", negatable = true,
            description = "Skip each epoch's last batch when it is shorter than the batch size (--no-drop-last: "
                    + "train on it); overrides the model file's dropLast (default false).")
    private Boolean dropLast;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Overrides the optimizer's learningRate.")
    private Double learningRate;

    @Option(names = "--seed", paramLabel = "S", description = "Overrides the model file's seed.")
    private Long seed;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Compute backend (see 'nnj list'); default: -Dnnj.backend, else the available one of highest rank.")
    private String backend;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the matrix products (default: the available processors, ${DEFAULT-VALUE}). "
                    + "Results do not depend on it.")
    private int threads = Runtime.getRuntime().availableProcessors();

    @CommandLine.Mixin
    private PluginOption plugins = new PluginOption();

    @CommandLine.Mixin
    private LoadOption load = new LoadOption();

    @Option(names = "--validation-split", paramLabel = "F",
            description = "Hold out this fraction of the training data (fixed seed) to watch: early stopping, "
                    + "schedules and the best checkpoint use its loss. Without it, 10%% is held out when one of "
                    + "them is used; the test set is never watched.")
    private Double validationSplit;

    /** The fraction held out when something watches the monitored loss and no --validation-split is given. */
    private static final double DEFAULT_VALIDATION = 0.1;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = "Stop when the monitored loss has not improved for PATIENCE epochs, and keep the best "
                    + "epoch's weights.")
    private Integer patience;

    @Option(names = "--log-csv", paramLabel = "FILE", description = "Write one CSV line of metrics per epoch.")
    private Path csvLog;

    @Option(names = "--plot", paramLabel = "CURVES.png",
            description = "Write loss and accuracy per epoch (training, validation, test) as a PNG chart.")
    private Path plot;

    @Option(names = "--progress", paramLabel = "auto|bar|none", defaultValue = "auto",
            description = "A progress bar per epoch: auto (on a terminal, not with --json), bar, or none.")
    private String progress;

    @Option(names = "--save", paramLabel = "M.nnj", description = "Save the trained model (written atomically).")
    private Path save;

    @Option(names = "--json", description = "Print one JSON object per epoch and a final summary object.")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads: expected a whole number >= 1; got "
                    + threads + ".");
        }
        new OutputGuard().input("--model", model).resume(resume).input("--init-weights", initWeights)
                .data("--data", data).data("--test-data", testData).output("--save", save).output("--log-csv", csvLog)
                .output("--plot", plot).checkpointDir(checkpointDir).check();
        NnRuntime runtime = plugins.runtime(backend, threads);
        TrainingStart start = TrainingStart.of(spec.commandLine(), model, resume, initWeights, optimizer != null,
                load.options());
        ModelArchive.Contents checkpoint = start.checkpoint();
        ModelSpec modelSpec = overridden(start.spec(runtime));
        TableSources.Rows rows = null;
        // a model written before tables (or trained on numbers) goes on taking the CSV's numbers as they are
        boolean legacy = start.fromSaved() && start.table() == null;
        if (!TableSources.isTable(data) || legacy) {
            refuseTableOptions(legacy ? start.file() : null);
        }
        if (TableSources.isTable(data) && !legacy) {
            rows = TableSources.rows(data, testData);
            modelSpec = TableSources.withTable(modelSpec, tableOptions(modelSpec.table()), rows, start.table());
        } else if (start.table() != null) {
            throw TableSources.tableNeeded(start.file(), start.table());
        } else if (modelSpec.table() != null && !start.fromSaved()) {
            throw new ModelConfigException(modelSpec.source() + ": the model file has a \"table\" object, but --data "
                    + data + " is not a CSV table; give --data csv:FILE, or remove \"table\".");
        }
        AssembledModel assembled = assemble(runtime, modelSpec);
        start.applyWeights(assembled.model());
        boolean labels = assembled.loss().isClassification();
        TableSchema schema = null;
        double targetScale = 1;
        DataSet.Split sets;
        if (rows != null) {
            schema = start.table() != null ? start.table() : TableSchema.fit(rows.train(), modelSpec.table(), labels);
            TableSources.Prepared prepared = TableSources.encode(rows, schema);
            sets = new DataSet.Split(prepared.train(), prepared.test());
            targetScale = labels ? 1 : schema.target().scale();
        } else {
            sets = DataSources.trainAndTest(data, testData, labels);
        }
        DataSet train = sets.train();
        DataSet test = sets.test();
        DataSet validation = null;
        if (validationSplit != null) {
            if (!(validationSplit > 0 && validationSplit < 1)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--validation-split: expected a fraction in (0, 1); got " + validationSplit + ".");
            }
            DataSet.Split held = DataSources.holdOut(train, validationSplit, "--validation-split " + validationSplit);
            train = held.train();
            validation = held.test();
        } else if (watches(assembled)) {
            // Something chooses by the monitored loss: it must not be the test set's.
            DataSet.Split held = DataSources.holdOut(train, DEFAULT_VALIDATION, "the 10% held out to watch for early "
                    + "stopping, the best checkpoint and the schedule");
            train = held.train();
            validation = held.test();
            if (!json) {
                out.println("validation: " + validation.size() + " training examples (10%, fixed seed) held out for "
                        + "early stopping, the best checkpoint and the schedule; the test set is never watched "
                        + "(--validation-split F sets the fraction)");
            }
        }
        if (checkpoint == null) {
            ScaleWarning.check(train, assembled.model(), schema == null ? null : schema.inputNames())
                    .ifPresent(spec.commandLine().getErr()::println);
        }
        EpochReporter reporter = new EpochReporter(out, json, assembled.training().epochs())
                .classNames(schema == null || schema.target().numbered() ? null : schema.target()::className);
        if (!json) {
            if (schema != null) {
                out.println("table: " + schema + (targetScale != 1 ? "; the target is standardised for training "
                        + "(errors are reported in its units, the loss in standard deviations squared)" : ""));
            }
            reporter.header(start.file(), assembled, train, test, runtime.kernels());
            start.describe(out);
        }
        Trainer trainer = assembled.trainer().reportInTargetUnits(targetScale);
        // The bar closes its line before the epoch's summary line is printed: add it first.
        boolean bar;
        try {
            bar = ProgressBarListener.wanted(progress, json, ProgressBarListener.onTerminal());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--progress: " + e.getMessage(), e);
        }
        if (bar) {
            trainer.addListener(new ProgressBarListener(System.err, assembled.training().epochs()));
        }
        trainer.addListener(reporter);
        if (validation != null) {
            trainer.validateOn(validation);
        }
        EarlyStopping stopping = patience == null ? null
                : new EarlyStopping(assembled.model(), patience, 0.0, true);
        if (stopping != null) {
            trainer.addListener(stopping);
        }
        if (csvLog != null) {
            trainer.addListener(new CsvLog(csvLog));
        }
        int firstEpoch = 1;
        if (checkpoint != null) {
            ModelArchive.restoreOptimizer(assembled.optimizer(), checkpoint.optimizer(),
                    resume + "!/" + ModelArchive.OPTIMIZER_ENTRY);
            firstEpoch = checkpoint.training().epoch() + 1;
            if (firstEpoch > assembled.training().epochs()) {
                throw new dev.nnj.api.DataException(resume + ": training already finished " + (firstEpoch - 1)
                        + " of " + assembled.training().epochs() + " epochs; give --epochs to train longer.");
            }
            replaySchedule(assembled, checkpoint.training(), spec.commandLine().getErr());
        }
        if (checkpointDir != null) {
            trainer.addListener(new Checkpointer(checkpointDir, checkpointEvery, keep, modelSpec, assembled.model(),
                    assembled.optimizer(), checkpoint == null ? new double[0] : checkpoint.training().monitoredLosses())
                    .withTable(schema));
        }
        long started = System.nanoTime();
        List<EpochResult> history = trainer.fit(train, test, firstEpoch);
        double seconds = (System.nanoTime() - started) / 1e9;
        Evaluation last = history.get(history.size() - 1).test();
        if (stopping != null && stopping.bestEpoch() != history.get(history.size() - 1).epoch()) {
            last = new Evaluator(assembled.model(), assembled.loss(), 256).inTargetUnits(targetScale).evaluate(test);
        }
        reporter.summary(history, last, seconds, stopping);
        if (plot != null) {
            CurvePlot.write(plot, history);
            if (!json) {
                out.println("plotted " + plot);
            }
        }
        if (save != null) {
            ModelArchive.save(save, modelSpec, assembled.model(), schema);
            if (!json) {
                out.println("saved " + save);
            }
        }
        out.flush();
        return 0;
    }

    /**
     * @return whether something of this run chooses by the monitored loss: early stopping, the best
     *     checkpoint, or a schedule that hears it (one that overrides {@code Schedule.onEpochEnd})
     */
    private boolean watches(AssembledModel assembled) {
        if (patience != null || checkpointDir != null) {
            return true;
        }
        dev.nnj.api.Schedule schedule = assembled.schedule();
        if (schedule == null) {
            return false;
        }
        try {
            return schedule.getClass().getMethod("onEpochEnd", int.class, double.class).getDeclaringClass()
                    != dev.nnj.api.Schedule.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * Builds the model; an error in the {@code --optimizer} component is reported as a model file's
     * would be, at {@code --optimizer} rather than in the model file.
     */
    private AssembledModel assemble(NnRuntime runtime, ModelSpec s) {
        try {
            return runtime.assemble(s);
        } catch (ModelConfigException e) {
            String prefix = s.source() + ": ";
            if (optimizer != null && e.getMessage().startsWith(prefix + OPTIMIZER_PATH)) {
                String message = e.getMessage().substring(prefix.length());
                throw e instanceof UnknownComponentException ? new UnknownComponentException(message, e)
                        : new ModelConfigException(message, e);
            }
            throw e;
        }
    }

    /** The path of the {@code --optimizer} component in messages, where a model file's says {@code optimizer}. */
    private static final String OPTIMIZER_PATH = "--optimizer";

    /** @param untrained a saved model or checkpoint that was not trained on a table, or {@code null} */
    private void refuseTableOptions(Path untrained) {
        for (String[] o : new String[][] {{"--label", label}, {"--ignore", ignore}, {"--categorical", categorical},
                {"--numeric", numeric}}) {
            if (o[1] != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), o[0] + " applies to CSV tables "
                        + "(--data csv:FILE)" + (untrained != null ? "; " + untrained + " was not trained on one" : "") + ".");
            }
        }
    }

    /** The model file's table options with the command line's overrides. */
    private TableOptions tableOptions(TableOptions fromFile) {
        TableOptions o = fromFile == null ? TableOptions.DEFAULTS : fromFile;
        if (label != null) {
            o = o.withLabel(label.chars().allMatch(Character::isDigit) && !label.isEmpty() ? "#" + label : label);
        }
        return o.withColumns(TableSources.columns(ignore, o.ignore()), TableSources.columns(categorical,
                o.categorical()), TableSources.columns(numeric, o.numeric()));
    }

    private ModelSpec overridden(ModelSpec s) {
        if (epochs != null) {
            s = s.withEpochs(epochs);
        }
        if (batchSize != null) {
            s = s.withBatchSize(batchSize);
        }
        if (dropLast != null) {
            s = s.withDropLast(dropLast);
        }
        if (dtype != null) {
            dev.nnj.api.DType type = ModelFileReader.parseDtype(dtype);
            if (type == null) {
                throw new ModelConfigException("--dtype " + dtype + ": expected float64 or float32.");
            }
            s = s.withDtype(type);
        }
        if (seed != null) {
            s = s.withSeed(seed);
        }
        if (optimizer != null) {
            s = s.withOptimizer(ModelFileReader.readComponent(optimizer, OPTIMIZER_PATH));
        }
        if (learningRate != null) {
            s = s.withOptimizer(ModelArchive.withLearningRate(s.optimizer(), learningRate));
        }
        return s;
    }

    /**
     * Tells the schedule the monitored loss of every epoch before the checkpoint, as the interrupted
     * run did, so that a schedule that reacts to it (reduce-on-plateau) goes on where it was.
     */
    private void replaySchedule(AssembledModel assembled, ModelArchive.TrainingState state, PrintWriter err) {
        if (assembled.schedule() == null) {
            return;
        }
        double[] losses = state.monitoredLosses();
        if (losses.length != state.epoch()) {
            err.println("nnj: " + resume + " holds no loss history (written by an older nnj): the learning-rate "
                    + "schedule starts afresh at epoch " + (state.epoch() + 1) + ".");
            return;
        }
        for (int epoch = 1; epoch <= losses.length; epoch++) {
            assembled.schedule().onEpochEnd(epoch, losses[epoch - 1]);
        }
    }
}
