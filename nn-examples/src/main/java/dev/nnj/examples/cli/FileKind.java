package dev.nnj.examples.cli;

import dev.nnj.api.DataException;
import dev.nnj.core.json.LoadOptions;
import dev.nnj.core.json.ModelArchive;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a file given to an option holds, told by its first bytes rather than its name, so that a
 * {@code .nnj} where a JSON model file is expected (or the reverse) gets a message that says what
 * the file is and which option takes it, instead of the reader's failure.
 */
enum FileKind {
    /** A zip, as a saved model or a checkpoint is. */
    NNJ("a saved model (.nnj)"),
    /** Text starting as a JSON object (or a comment), as a model file does. */
    JSON("a JSON model file"),
    /** An 8-byte little-endian header length, then the JSON header. */
    SAFETENSORS("a safetensors weights file"),
    /** Missing, unreadable, or none of the above: left to the reader to report. */
    OTHER("");

    private static final int HEAD = 64;
    private final String what;

    FileKind(String what) {
        this.what = what;
    }

    /**
     * @param file any path
     * @return what its first bytes say it is; {@link #OTHER} if it cannot be read
     */
    static FileKind of(Path file) {
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
            size = Files.size(file);
        } catch (IOException e) {
            return OTHER;
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6)) {
            return NNJ;
        }
        if (head.length > 8 && head[8] == '{') {
            long length = 0;
            for (int i = 7; i >= 0; i--) {
                length = length << 8 | (head[i] & 0xff);
            }
            // a text file's first eight bytes, read so, make a number far larger than the file
            if (length > 0 && length <= size - 8) {
                return SAFETENSORS;
            }
        }
        int i = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF
                ? 3 : 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        return i < head.length && (head[i] == '{' || head[i] == '/') ? JSON : OTHER;
    }

    /**
     * For {@code nnj evaluate}, {@code predict} and {@code export}: the model must be a saved one.
     *
     * @param file the {@code --model} file
     * @param command the command, e.g. {@code evaluate}
     * @throws DataException if the file is a JSON model file or safetensors weights
     */
    static void requireSaved(Path file, String command) {
        String option = "nnj " + command + " --model";
        switch (of(file)) {
            case JSON -> throw wrong(file, JSON, option, "a saved model (.nnj)", "train it and save it: nnj train "
                    + "--model " + file + " --data DATA --save M.nnj");
            case SAFETENSORS -> throw wrong(file, SAFETENSORS, option, "a saved model (.nnj)", "make one of them and "
                    + "their model file: nnj import --model MODEL.json --weights " + file + " --out M.nnj");
            default -> { }
        }
    }

    /**
     * For {@code nnj train --model}: a JSON model file or a saved model, not weights.
     *
     * @param file the {@code --model} file
     * @return its kind: {@link #NNJ} to train further from its weights
     * @throws DataException if the file is safetensors weights
     */
    static FileKind requireModel(Path file) {
        FileKind kind = of(file);
        if (kind == SAFETENSORS) {
            throw weightsAsModel(file, "nnj train --model", "a model file (MODEL.json or M.nnj)", "--init-weights");
        }
        return kind;
    }

    /**
     * For {@code nnj import --model}: a JSON model file.
     *
     * @param file the {@code --model} file
     * @throws DataException if the file is a saved model or safetensors weights
     */
    static void requireJson(Path file) {
        String option = "nnj import --model";
        switch (of(file)) {
            case NNJ -> throw wrong(file, NNJ, option, "a JSON model file", "its " + ModelArchive.MODEL_ENTRY
                    + " entry is one (unzip -p " + file + " " + ModelArchive.MODEL_ENTRY + "); to train " + file
                    + " further, nnj train --model " + file);
            case SAFETENSORS -> throw weightsAsModel(file, option, "a JSON model file", "--weights");
            default -> { }
        }
    }

    /**
     * For {@code nnj import --weights} and {@code nnj train --init-weights}: safetensors weights.
     *
     * @param file the weights file
     * @param option the option, e.g. {@code nnj import --weights}
     * @param ifSaved what to do with a saved model instead, e.g. {@code nnj export ...}
     * @throws DataException if the file is a saved model or a JSON model file
     */
    static void requireWeights(Path file, String option, String ifSaved) {
        switch (of(file)) {
            case NNJ -> throw wrong(file, NNJ, option, SAFETENSORS.what, ifSaved);
            case JSON -> throw wrong(file, JSON, option, SAFETENSORS.what, "give the model file as --model and its "
                    + "weights (from nnj export, or PyTorch's safetensors.torch.save_file) as "
                    + option.substring(option.lastIndexOf(' ') + 1));
            default -> { }
        }
    }

    /**
     * For {@code nnj train --resume}: reads a checkpoint.
     *
     * @param file the {@code --resume} file
     * @param options how to read it ({@code --allow-non-finite})
     * @return its contents, with optimizer and training state
     * @throws DataException if the file is a JSON model file, safetensors weights, or a saved model
     *     without training state, or cannot be read
     */
    static ModelArchive.Contents readCheckpoint(Path file, LoadOptions options) {
        String checkpoint = "a checkpoint (.nnj, e.g. DIR/last.nnj of --checkpoint-dir DIR)";
        switch (of(file)) {
            case JSON -> throw wrong(file, JSON, "nnj train --resume", checkpoint, "start a run from it with --model "
                    + file);
            case SAFETENSORS -> throw wrong(file, SAFETENSORS, "nnj train --resume", checkpoint, "start from them with "
                    + "--model MODEL.json --init-weights " + file);
            default -> { }
        }
        ModelArchive.Contents contents = ModelArchive.read(file, options);
        if (contents.training() == null || contents.optimizer() == null) {
            throw new DataException(file + " is a saved model, not a checkpoint (it has no "
                    + ModelArchive.TRAINING_ENTRY + " or " + ModelArchive.OPTIMIZER_ENTRY + "): --model " + file
                    + " fine-tunes it, from its weights with a fresh optimizer.");
        }
        return contents;
    }

    private static DataException weightsAsModel(Path file, String option, String expected, String weightsOption) {
        return wrong(file, SAFETENSORS, option, expected, "give the weights' model file as --model and " + file
                + " as " + weightsOption);
    }

    private static DataException wrong(Path file, FileKind actual, String option, String expected, String fix) {
        return new DataException(file + " is " + actual.what + ", but " + option + " takes " + expected + ": " + fix
                + ".");
    }
}
