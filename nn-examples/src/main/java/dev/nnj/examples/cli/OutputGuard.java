package dev.nnj.examples.cli;

import dev.nnj.api.DataException;
import dev.nnj.core.json.Checkpointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Refuses a command whose output would overwrite one of its inputs, or whose two outputs are one
 * file, before anything is written: {@code nnj export --model m.nnj --out m.nnj} would
 * replace the model by bare weights, {@code --log-csv data.csv} the training data by a log. Paths
 * are compared as files: links, {@code ./x}, relative against absolute, and hard links are the
 * same file ({@link Files#isSameFile} when both exist, the real path of the directory otherwise).
 * Only regular files are protected: {@code --log-csv /dev/stdout} next to {@code --data
 * csv:/dev/stdin} overwrites nothing.
 *
 * <p>One exception: {@code --resume DIR/last.nnj} (or any checkpoint of DIR) may go on with
 * {@code --checkpoint-dir DIR}, the usual way to continue a run; the checkpoint is read whole
 * before the first is written, and each is written atomically.
 */
final class OutputGuard {
    /** @param resumed whether the file is the checkpoint a run goes on from, which may be a checkpoint file */
    private record File(String option, Path path, boolean resumed) {
    }

    private final List<File> inputs = new ArrayList<>();
    private final List<File> outputs = new ArrayList<>();
    private Path checkpointDir;

    /**
     * @param option the option that names the input, e.g. {@code --model}
     * @param file the file it reads, or {@code null} when the option is not given
     * @return this guard
     */
    OutputGuard input(String option, Path file) {
        return add(inputs, option, file, false);
    }

    /**
     * @param option {@code --data} or {@code --test-data}
     * @param spec its value ({@code csv:FILE}, {@code idx:IMAGES,LABELS} ...), or {@code null}
     * @return this guard, with every file the spec reads as an input
     * @throws DataException for a malformed spec, as reading it would
     */
    OutputGuard data(String option, String spec) {
        if (spec != null) {
            DataSources.files(spec).forEach(f -> input(option, f));
        }
        return this;
    }

    /**
     * @param file the {@code --resume} checkpoint, or {@code null}: an input, which may be one of
     *     the {@code --checkpoint-dir} files
     * @return this guard
     */
    OutputGuard resume(Path file) {
        return add(inputs, "--resume", file, true);
    }

    /**
     * @param option the option that names the output, e.g. {@code --save}
     * @param file the file it writes, or {@code null} when the option is not given
     * @return this guard
     */
    OutputGuard output(String option, Path file) {
        return add(outputs, option, file, false);
    }

    private OutputGuard add(List<File> files, String option, Path file, boolean resumed) {
        if (file != null) {
            files.add(new File(option, file, resumed));
        }
        return this;
    }

    /**
     * @param dir the {@code --checkpoint-dir}, or {@code null}: its files named as {@link
     *     Checkpointer#writes} says are outputs
     * @return this guard
     */
    OutputGuard checkpointDir(Path dir) {
        checkpointDir = dir;
        return this;
    }

    /**
     * @throws DataException naming both options and files if an output is an input or another output
     */
    void check() {
        for (File out : outputs) {
            for (File in : inputs) {
                if (Files.isRegularFile(in.path()) && Files.exists(out.path()) && same(in.path(), out.path())) {
                    throw new DataException(out.option() + " " + out.path() + " is the " + in.option() + " file "
                            + in.path() + "; an output must not overwrite an input: give " + out.option()
                            + " another file, e.g. " + another(out.path()) + ".");
                }
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            for (int j = i + 1; j < outputs.size(); j++) {
                File a = outputs.get(i);
                File b = outputs.get(j);
                if (!special(a.path()) && same(a.path(), b.path())) {
                    throw new DataException(a.option() + " " + a.path() + " and " + b.option() + " " + b.path()
                            + " are the same file; each output needs its own: give one of them another file.");
                }
            }
        }
        if (checkpointDir != null) {
            checkCheckpointDir();
        }
    }

    private void checkCheckpointDir() {
        List<Path> written = existingCheckpoints();
        for (File in : inputs) {
            if (in.resumed() || !Files.isRegularFile(in.path())) {
                continue;
            }
            for (Path checkpoint : written) {
                if (same(checkpoint, in.path())) {
                    throw new DataException("--checkpoint-dir " + checkpointDir + " writes " + checkpoint + ", which is "
                            + "the " + in.option() + " file " + in.path() + "; an output must not overwrite an input: "
                            + "give another --checkpoint-dir (only --resume may go on from a checkpoint of the "
                            + "directory it writes to).");
                }
            }
        }
        Path dir = canonical(checkpointDir);
        for (File out : outputs) {
            Path at = canonical(out.path());
            boolean owned = at.getFileName() != null && Checkpointer.writes(at.getFileName().toString())
                    && dir.equals(at.getParent());
            if (owned || written.stream().anyMatch(c -> Files.exists(out.path()) && same(c, out.path()))) {
                throw new DataException(out.option() + " " + out.path() + " is a file --checkpoint-dir " + checkpointDir
                        + " writes (" + Checkpointer.LAST + ", " + Checkpointer.BEST + ", epoch-NNNN.nnj); each output "
                        + "needs its own: give " + out.option() + " another file.");
            }
        }
    }

    /** @return the files of the checkpoint directory a checkpointer may overwrite or delete */
    private List<Path> existingCheckpoints() {
        if (!Files.isDirectory(checkpointDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(checkpointDir)) {
            return files.filter(f -> Checkpointer.writes(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new DataException("Cannot list --checkpoint-dir " + checkpointDir + ": " + e.getMessage(), e);
        }
    }

    /** @return whether two paths name one file: by identity when both exist, else by their real paths */
    private static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // compared by path below
        }
        return canonical(a).equals(canonical(b));
    }

    /** @return the real path of {@code p}, or of its directory followed by its name when it does not exist */
    private static Path canonical(Path p) {
        Path absolute = p.toAbsolutePath().normalize();
        try {
            if (Files.exists(absolute)) {
                return absolute.toRealPath();
            }
            Path parent = absolute.getParent();
            return parent != null && Files.exists(parent) ? parent.toRealPath().resolve(absolute.getFileName())
                    : absolute;
        } catch (IOException e) {
            return absolute;
        }
    }

    /** @return whether {@code p} is an existing file that is not a regular one ({@code /dev/null}, a terminal) */
    private static boolean special(Path p) {
        return Files.exists(p) && !Files.isRegularFile(p);
    }

    /** @return a name beside {@code file} to suggest: {@code m.nnj} gives {@code m-2.nnj} */
    private static Path another(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.', 1);
        String suggested = dot < 0 ? name + "-2" : name.substring(0, dot) + "-2" + name.substring(dot);
        return file.resolveSibling(suggested);
    }
}
