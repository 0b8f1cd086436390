package dev.nnj.core;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.Shape;

/** Where models built in code start: {@code Models.sequential(Shape.of(64)).dense(128, "relu")...}. */
public final class Models {
    private Models() {
    }

    /**
     * A sequential model taking examples of {@code input}'s shape.
     *
     * @param input the shape of one example, e.g. {@code Shape.of(64)} or {@code Shape.of(1, 28, 28)}
     * @return a builder with no layers yet
     */
    public static ModelBuilder sequential(Shape input) {
        return new ModelBuilder(requireNonNull(input, "input is null"));
    }

    /**
     * A sequential model for a table, whose width the table's columns give (set it with
     * {@code ModelSpec.withInput} once the {@link dev.nnj.core.table.TableSchema} is learned).
     *
     * @return a builder without input shape and with no layers yet
     */
    public static ModelBuilder sequential() {
        return new ModelBuilder(null);
    }
}
