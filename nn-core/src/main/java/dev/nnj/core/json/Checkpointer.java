package dev.nnj.core.json;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.NnException;
import dev.nnj.api.Optimizer;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.table.TableSchema;
import dev.nnj.core.train.EpochResult;
import dev.nnj.core.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes checkpoints during training: every {@code every} epochs (and after the last),
 * {@code epoch-NNNN.nnj}, {@code last.nnj}, and {@code best.nnj} when the monitored loss
 * ({@link EpochResult#monitoredLoss()}) is the lowest so far; keeps the newest {@code keep} epoch files. Each write is atomic, so a
 * crash leaves the previous checkpoints loadable, and the partial temporary files a crash leaves
 * are deleted when a checkpointer next starts in the directory. {@code nnj train --resume
 * DIR/last.nnj} goes on.
 */
public final class Checkpointer implements TrainingListener {
    /** The file name of the newest checkpoint, rewritten at every checkpoint; resume from it. */
    public static final String LAST = "last.nnj";
    /** The file name of the checkpoint with the lowest monitored loss so far. */
    public static final String BEST = "best.nnj";
    /** The names of the epoch files: written every {@code every} epochs, the oldest deleted past {@code keep}. */
    private static final Pattern EPOCH_FILE = Pattern.compile("epoch-\\d+\\.nnj");

    private final Path directory;
    private final int every;
    private final int keep;
    private final ModelSpec spec;
    private final Sequential model;
    private final Optimizer optimizer;
    private TableSchema table;
    private int batchesPerEpoch;
    private int epochs;
    private double best;
    private final List<Double> losses = new ArrayList<>();

    /**
     * A checkpointer for a run from the first epoch.
     *
     * @param directory where to write the checkpoints; created if needed
     * @param every write a checkpoint after every this many epochs (and after the last), &gt;= 1
     * @param keep how many {@code epoch-NNNN.nnj} files to keep, newest first, &gt;= 1
     * @param spec the model as declared, written into each checkpoint
     * @param model the model being trained; read at each checkpoint, not modified
     * @param optimizer the model's optimizer, whose state each checkpoint saves
     * @throws IllegalArgumentException if {@code every} or {@code keep} is below 1
     */
    public Checkpointer(Path directory, int every, int keep, ModelSpec spec, Sequential model, Optimizer optimizer) {
        this(directory, every, keep, spec, model, optimizer, new double[0]);
    }

    /**
     * A checkpointer for a run that resumes. If {@code directory} already holds a {@code best.nnj},
     * its monitored loss is the one to beat.
     *
     * @param directory where to write the checkpoints; created if needed
     * @param every write a checkpoint after every this many epochs (and after the last), &gt;= 1
     * @param keep how many {@code epoch-NNNN.nnj} files to keep, newest first, &gt;= 1
     * @param spec the model as declared, written into each checkpoint
     * @param model the model being trained; read at each checkpoint, not modified
     * @param optimizer the model's optimizer, whose state each checkpoint saves
     * @param previousLosses the monitored losses of the epochs before this run (from the checkpoint it
     *     resumes), kept in every checkpoint written so that schedules can be replayed on resume;
     *     copied
     * @throws IllegalArgumentException if {@code every} or {@code keep} is below 1
     * @throws dev.nnj.api.DataException if an existing {@code best.nnj} cannot be read
     */
    public Checkpointer(Path directory, int every, int keep, ModelSpec spec, Sequential model, Optimizer optimizer,
            double[] previousLosses) {
        for (double loss : previousLosses) {
            losses.add(loss);
        }
        if (every < 1 || keep < 1) {
            throw new IllegalArgumentException("checkpoint every and keep must be >= 1; got " + every + " and " + keep + ".");
        }
        this.directory = requireNonNull(directory, "directory is null");
        this.every = every;
        this.keep = keep;
        this.spec = requireNonNull(spec, "spec is null");
        this.model = requireNonNull(model, "model is null");
        this.optimizer = requireNonNull(optimizer, "optimizer is null");
        Path bestFile = directory.resolve(BEST);
        this.best = Files.isRegularFile(bestFile) && ModelArchive.read(bestFile).training() != null
                ? ModelArchive.read(bestFile).training().monitoredLoss() : Double.POSITIVE_INFINITY;
    }

    /**
     * Whether a checkpointer may write or delete a file of this name in its directory, so that a
     * caller can refuse to give it a directory that holds one of its inputs under such a name.
     *
     * @param fileName a file name, without its directory
     * @return whether it is {@value #LAST}, {@value #BEST} or an epoch file ({@code epoch-NNNN.nnj})
     */
    public static boolean writes(String fileName) {
        return fileName.equals(LAST) || fileName.equals(BEST) || EPOCH_FILE.matcher(fileName).matches();
    }

    /**
     * Saves the table schema of a model trained on a table in every checkpoint, so that a
     * checkpoint takes raw rows and a resumed run encodes as the first did.
     *
     * @param schema the schema, or {@code null} for none
     * @return this checkpointer
     */
    public Checkpointer withTable(TableSchema schema) {
        this.table = schema;
        return this;
    }

    /** Also deletes the partial temporary files of checkpoints a killed run was writing in the directory. */
    @Override
    public void onTrainingStart(int epochCount, int batches) {
        this.epochs = epochCount;
        this.batchesPerEpoch = batches;
        AtomicFiles.deleteStaleTemporaries(directory, Checkpointer::writes);
    }

    @Override
    public void onEpochEnd(EpochResult result) {
        losses.add(result.monitoredLoss());
        if (result.epoch() % every != 0 && result.epoch() != epochs) {
            return;
        }
        double monitored = result.monitoredLoss();
        double[] history = losses.stream().mapToDouble(Double::doubleValue).toArray();
        ModelArchive.TrainingState state = new ModelArchive.TrainingState(result.epoch(),
                (long) result.epoch() * batchesPerEpoch, spec.seed(), monitored, history);
        ModelArchive.save(directory.resolve(String.format("epoch-%04d.nnj", result.epoch())), spec, model, optimizer, state, table);
        ModelArchive.save(directory.resolve(LAST), spec, model, optimizer, state, table);
        if (monitored < best) {
            best = monitored;
            ModelArchive.save(directory.resolve(BEST), spec, model, optimizer, state, table);
        }
        prune();
    }

    private void prune() {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> epochFiles = files.filter(p -> EPOCH_FILE.matcher(p.getFileName().toString()).matches()).sorted().toList();
            for (int i = 0; i < epochFiles.size() - keep; i++) {
                Files.deleteIfExists(epochFiles.get(i));
            }
        } catch (IOException e) {
            throw new NnException("Cannot list or delete old checkpoints in " + directory + ": " + e.getMessage(), e);
        }
    }
}
