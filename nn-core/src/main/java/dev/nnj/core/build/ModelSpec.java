package dev.nnj.core.build;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.DType;
import dev.nnj.api.Shape;
import dev.nnj.api.spi.Config;
import dev.nnj.core.table.TableOptions;
import dev.nnj.core.train.GradientClipping;
import java.util.List;

/**
 * A model as declared in a model file: type ids and their settings, not yet built.
 *
 * @param source where it was read from, for messages (a file name or {@code <code>})
 * @param input the shape of one input example; {@code null} when the model file leaves it to the table
 * @param layers one config per layer, in order
 * @param loss the loss config
 * @param optimizer the optimizer config
 * @param batchSize examples per training step
 * @param epochs passes over the training data
 * @param seed the root seed of initialisation and data order
 * @param clipping gradient clipping ({@code gradientClipNorm}, {@code gradientClipValue})
 * @param dropLast whether an epoch skips a last batch shorter than {@code batchSize} ({@code dropLast})
 * @param table how a CSV table becomes the input (the model file's {@code "table"}), or {@code null}
 *     when the file has none; see {@link TableOptions}
 * @param dtype the element type the model computes in ({@code "dtype"}: {@code "float64"}, the
 *     default, or {@code "float32"}); {@code null} means {@link DType#F64}
 */
public record ModelSpec(String source, Shape input, List<Config> layers, Config loss, Config optimizer,
        int batchSize, int epochs, long seed, GradientClipping clipping, boolean dropLast, TableOptions table,
        DType dtype) {

    /**
     * A spec without table options.
     *
     * @param source where it was read from, for messages (a file name or {@code <code>})
     * @param input the shape of one input example
     * @param layers one config per layer, in order; copied
     * @param loss the loss config
     * @param optimizer the optimizer config
     * @param batchSize examples per training step
     * @param epochs passes over the training data
     * @param seed the root seed of initialisation and data order
     * @param clipping gradient clipping; {@link GradientClipping#NONE} for none
     * @param dropLast whether an epoch skips a last batch shorter than {@code batchSize}
     */
    public ModelSpec(String source, Shape input, List<Config> layers, Config loss, Config optimizer, int batchSize,
            int epochs, long seed, GradientClipping clipping, boolean dropLast) {
        this(source, input, layers, loss, optimizer, batchSize, epochs, seed, clipping, dropLast, null);
    }

    /**
     * A spec that trains on every example (without {@code dropLast}).
     *
     * @param source where it was read from, for messages (a file name or {@code <code>})
     * @param input the shape of one input example
     * @param layers one config per layer, in order; copied
     * @param loss the loss config
     * @param optimizer the optimizer config
     * @param batchSize examples per training step
     * @param epochs passes over the training data
     * @param seed the root seed of initialisation and data order
     * @param clipping gradient clipping; {@link GradientClipping#NONE} for none
     */
    public ModelSpec(String source, Shape input, List<Config> layers, Config loss, Config optimizer, int batchSize,
            int epochs, long seed, GradientClipping clipping) {
        this(source, input, layers, loss, optimizer, batchSize, epochs, seed, clipping, false);
    }

    /**
     * A spec without gradient clipping or {@code dropLast}.
     *
     * @param source where it was read from, for messages (a file name or {@code <code>})
     * @param input the shape of one input example
     * @param layers one config per layer, in order; copied
     * @param loss the loss config
     * @param optimizer the optimizer config
     * @param batchSize examples per training step
     * @param epochs passes over the training data
     * @param seed the root seed of initialisation and data order
     */
    public ModelSpec(String source, Shape input, List<Config> layers, Config loss, Config optimizer, int batchSize,
            int epochs, long seed) {
        this(source, input, layers, loss, optimizer, batchSize, epochs, seed, GradientClipping.NONE);
    }

    /**
     * A float64 spec with table options (the canonical form before {@code dtype}).
     *
     * @param source where it was read from, for messages (a file name or {@code <code>})
     * @param input the shape of one input example; {@code null} when left to the table
     * @param layers one config per layer, in order; copied
     * @param loss the loss config
     * @param optimizer the optimizer config
     * @param batchSize examples per training step
     * @param epochs passes over the training data
     * @param seed the root seed of initialisation and data order
     * @param clipping gradient clipping
     * @param dropLast whether an epoch skips a short last batch
     * @param table how a CSV table becomes the input, or {@code null}
     */
    public ModelSpec(String source, Shape input, List<Config> layers, Config loss, Config optimizer, int batchSize,
            int epochs, long seed, GradientClipping clipping, boolean dropLast, TableOptions table) {
        this(source, input, layers, loss, optimizer, batchSize, epochs, seed, clipping, dropLast, table, DType.F64);
    }

    /**
     * Checks that no part is missing and copies the layer list.
     *
     * @param source where it was read from, for messages (a file name or {@code <code>})
     * @param input the shape of one input example
     * @param layers one config per layer, in order; copied
     * @param loss the loss config
     * @param optimizer the optimizer config
     * @param batchSize examples per training step (checked when the model is built)
     * @param epochs passes over the training data (checked when the model is built)
     * @param seed the root seed of initialisation and data order
     * @param clipping gradient clipping; {@link GradientClipping#NONE} for none
     * @param dropLast whether an epoch skips a last batch shorter than {@code batchSize}
     * @param table the table options, or {@code null}
     * @param dtype the element type; {@code null} for {@link DType#F64}
     * @throws NullPointerException if a part other than the numbers, the input and the table is null
     *     (a null input is given by a table's width; the model cannot be built without one)
     */
    public ModelSpec {
        requireNonNull(source, "source is null");
        layers = List.copyOf(layers);
        requireNonNull(loss, "loss is null");
        requireNonNull(optimizer, "optimizer is null");
        requireNonNull(clipping, "clipping is null");
        dtype = dtype == null ? DType.F64 : dtype;
    }

    /**
     * Overrides the batch size, e.g. from the command line.
     *
     * @param newBatchSize examples per training step
     * @return a copy of this spec with that batch size
     */
    public ModelSpec withBatchSize(int newBatchSize) {
        return new ModelSpec(source, input, layers, loss, optimizer, newBatchSize, epochs, seed, clipping,
                dropLast, table, dtype);
    }

    /**
     * Overrides the number of epochs, e.g. from the command line.
     *
     * @param newEpochs passes over the training data
     * @return a copy of this spec with that number of epochs
     */
    public ModelSpec withEpochs(int newEpochs) {
        return new ModelSpec(source, input, layers, loss, optimizer, batchSize, newEpochs, seed, clipping,
                dropLast, table, dtype);
    }

    /**
     * Replaces the optimizer's configuration, e.g. with an overridden learning rate
     * ({@link dev.nnj.api.spi.MapConfig#with}).
     *
     * @param newOptimizer the optimizer config
     * @return a copy of this spec with that optimizer
     */
    public ModelSpec withOptimizer(Config newOptimizer) {
        return new ModelSpec(source, input, layers, loss, newOptimizer, batchSize, epochs, seed, clipping,
                dropLast, table, dtype);
    }

    /**
     * Replaces the layers' configurations, e.g. to freeze a layer for fine-tuning
     * ({@code MapConfig.with("trainable", false)}).
     *
     * @param newLayers one config per layer, in order; copied
     * @return a copy of this spec with those layers
     */
    public ModelSpec withLayers(List<Config> newLayers) {
        return new ModelSpec(source, input, newLayers, loss, optimizer, batchSize, epochs, seed, clipping,
                dropLast, table, dtype);
    }

    /**
     * Overrides the root seed, e.g. from the command line.
     *
     * @param newSeed the root seed of initialisation and data order
     * @return a copy of this spec with that seed
     */
    public ModelSpec withSeed(long newSeed) {
        return new ModelSpec(source, input, layers, loss, optimizer, batchSize, epochs, newSeed, clipping,
                dropLast, table, dtype);
    }

    /**
     * Overrides whether a short last batch of each epoch is skipped, e.g. from the command line.
     *
     * @param newDropLast {@code true} to skip an epoch's last batch when it is shorter than the batch size
     * @return a copy of this spec with that setting
     */
    public ModelSpec withDropLast(boolean newDropLast) {
        return new ModelSpec(source, input, layers, loss, optimizer, batchSize, epochs, seed, clipping,
                newDropLast, table, dtype);
    }

    /**
     * Sets the table options, e.g. after command-line overrides.
     *
     * @param newTable the options, or {@code null} for none
     * @return a copy of this spec with those options
     */
    public ModelSpec withTable(TableOptions newTable) {
        return new ModelSpec(source, input, layers, loss, optimizer, batchSize, epochs, seed, clipping, dropLast,
                newTable, dtype);
    }

    /**
     * Sets the input shape, e.g. to the width of a table's encoding.
     *
     * @param newInput the shape of one input example
     * @return a copy of this spec with that input
     */
    public ModelSpec withInput(Shape newInput) {
        return new ModelSpec(source, newInput, layers, loss, optimizer, batchSize, epochs, seed, clipping,
                dropLast, table, dtype);
    }

    /**
     * The same spec computing in another element type.
     *
     * @param newDtype {@link DType#F64} or {@link DType#F32}
     * @return a copy with {@code dtype} replaced
     */
    public ModelSpec withDtype(DType newDtype) {
        return new ModelSpec(source, input, layers, loss, optimizer, batchSize, epochs, seed, clipping, dropLast, table,
                newDtype);
    }
}
