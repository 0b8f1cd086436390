package dev.nnj.core.data;

import static java.util.Objects.requireNonNull;

/**
 * Where each example of a {@link DataSet} was read, as the user would look it up: a CSV file's
 * line, an IDX labels file's index. It follows the examples through {@link DataSet#subset} and
 * {@link DataSet#split}, so that a message about an example after the shuffle names its place in
 * the file, not its position in the shuffled part.
 */
@FunctionalInterface
public interface Origin {
    /**
     * Describes where one example was read.
     *
     * @param example the example's index in its data set, in [0, size)
     * @return e.g. {@code train.csv line 31} or {@code train-labels-idx1-ubyte.gz index 28 (counting from 0)}
     */
    String describe(int example);

    /**
     * The origin of a selection of these examples.
     *
     * @param rows for each example of the selection, its index here; copied
     * @return the origin of the selection: example {@code i} is described as {@code rows[i]} is here
     */
    default Origin subset(int[] rows) {
        int[] picked = rows.clone();
        return i -> describe(picked[i]);
    }

    /**
     * Examples read from lines of a text file (a CSV file counts its lines from 1, as editors do).
     *
     * @param file the file, as the user named it
     * @param lines for each example, the line it was read from; copied
     * @return the origin {@code <file> line <lines[i]>}
     */
    static Origin lines(String file, int[] lines) {
        requireNonNull(file, "file is null");
        int[] copy = lines.clone();
        return i -> file + " line " + copy[i];
    }

    /**
     * Examples read in order from a file of records with no lines, such as an IDX labels file:
     * example {@code i} is record {@code i}, counting from 0 as IDX tools (NumPy, torchvision) do.
     *
     * @param file the file, as the user named it
     * @return the origin {@code <file> index <i> (counting from 0)}
     */
    static Origin indices(String file) {
        requireNonNull(file, "file is null");
        return i -> file + " index " + i + " (counting from 0)";
    }
}
