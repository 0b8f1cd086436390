package dev.nnj.examples.cli;

import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.json.LoadOptions;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.json.Weights;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.table.TableSchema;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Where {@code nnj train} starts: a JSON model file initialised from its seed, or from given weights
 * ({@code --init-weights}); a saved model to fine-tune ({@code --model M.nnj}, told by its content:
 * its weights and table schema, a fresh optimizer, epochs counted from 1); or a checkpoint to go on
 * from ({@code --resume}: also its optimizer state and epoch).
 */
final class TrainingStart {
    private final Path file;
    private final ModelArchive.Contents saved;
    private final boolean resumed;
    private final Path initWeights;
    private final LoadOptions options;

    private TrainingStart(Path file, ModelArchive.Contents saved, boolean resumed, Path initWeights,
            LoadOptions options) {
        this.file = file;
        this.saved = saved;
        this.resumed = resumed;
        this.initWeights = initWeights;
        this.options = options;
    }

    /**
     * Reads the start of a run and refuses options it cannot take.
     *
     * @param cli the command, for usage errors
     * @param model {@code --model} (a JSON model file or a .nnj), or {@code null}
     * @param resume {@code --resume}, or {@code null}; exactly one of the two is given
     * @param initWeights {@code --init-weights}, or {@code null}
     * @param optimizer whether {@code --optimizer} is given
     * @param options how to read the saved model, checkpoint or weights ({@code --allow-non-finite})
     * @return the start
     * @throws CommandLine.ParameterException for options that do not go together
     * @throws dev.nnj.api.DataException for a file of the wrong kind, naming it and the option
     */
    static TrainingStart of(CommandLine cli, Path model, Path resume, Path initWeights, boolean optimizer,
            LoadOptions options) {
        if ((model == null) == (resume == null)) {
            throw new CommandLine.ParameterException(cli,
                    "Give either --model MODEL.json (or M.nnj, to fine-tune it) or --resume CHECKPOINT.nnj.");
        }
        String refused = null;
        if (resume != null && initWeights != null) {
            refused = "--init-weights: a resumed run goes on from its checkpoint's weights; --init-weights goes with "
                    + "--model MODEL.json.";
        } else if (resume != null && optimizer) {
            refused = "--optimizer: a resumed run goes on with its checkpoint's optimizer and its state; --model "
                    + resume + " fine-tunes its weights with a fresh optimizer, which --optimizer may replace.";
        }
        if (refused != null) {
            throw new CommandLine.ParameterException(cli, refused);
        }
        if (resume != null) {
            return new TrainingStart(resume, FileKind.readCheckpoint(resume, options), true, null, options);
        }
        if (FileKind.requireModel(model) != FileKind.NNJ) {
            if (initWeights != null) {
                FileKind.requireWeights(initWeights, "nnj train --init-weights", "to train it further from its "
                        + "weights, give it as --model " + initWeights + ", without --init-weights");
            }
            return new TrainingStart(model, null, false, initWeights, options);
        }
        if (initWeights != null) {
            throw new CommandLine.ParameterException(cli, "--init-weights: " + model + " holds weights already, and "
                    + "fine-tuning starts from them; --init-weights goes with --model MODEL.json.");
        }
        return new TrainingStart(model, ModelArchive.read(model, options), false, null, options);
    }

    /**
     * @param runtime reads a JSON model file
     * @return the model as declared: the saved model.json, or the model file's
     */
    ModelSpec spec(NnRuntime runtime) {
        return saved != null ? saved.spec() : runtime.read(file);
    }

    /** @return the model file, saved model or checkpoint the run starts from */
    Path file() {
        return file;
    }

    /** @return the checkpoint to go on from (optimizer state, epoch), or {@code null} */
    ModelArchive.Contents checkpoint() {
        return resumed ? saved : null;
    }

    /** @return whether the run starts from a saved model or checkpoint, not a JSON model file */
    boolean fromSaved() {
        return saved != null;
    }

    /** @return the table the saved model was trained on, or {@code null} (none, or a JSON model file) */
    TableSchema table() {
        return saved == null ? null : saved.table();
    }

    /**
     * Fills the model with the saved or given weights; leaves the seed's for a JSON model file alone.
     *
     * @param model the model built from {@link #spec}; its parameters and buffers are overwritten
     * @throws dev.nnj.api.DataException naming the file if the weights do not fit the model
     */
    void applyWeights(Sequential model) {
        if (saved != null) {
            Weights.apply(model, saved.weights(), file + "!/" + ModelArchive.WEIGHTS_ENTRY);
        } else if (initWeights != null) {
            Weights.apply(model, Weights.read(initWeights, options), initWeights.toString());
        }
    }

    /**
     * Prints, under the run's header, where the weights come from when they are not the seed's.
     *
     * @param out the run's output
     */
    void describe(PrintWriter out) {
        if (saved != null && !resumed) {
            out.println("fine-tuning: from the weights of " + file + ", with a fresh optimizer; this run's epochs are "
                    + "counted from 1");
        } else if (initWeights != null) {
            out.println("weights: from " + initWeights + ", not initialised from the seed");
        }
    }
}
