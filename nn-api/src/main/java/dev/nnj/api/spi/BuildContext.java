package dev.nnj.api.spi;

import dev.nnj.api.Activation;
import dev.nnj.api.DType;
import dev.nnj.api.Initializer;
import dev.nnj.api.Kernels;
import dev.nnj.api.Shape;
import dev.nnj.api.Spi;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** What a provider may know and use while it builds a component. */
@Spi
public interface BuildContext {

    /**
     * The shape of what the component will be given, as the layers before it produce it.
     *
     * @return the shape of one input example of the component (for a loss: the model's output)
     */
    Shape inputShape();

    /**
     * Where the component stands in the model; nnj prefixes its parameters' names with it.
     *
     * @return the prefix of this component's parameter paths, e.g. {@code layers.0}
     */
    String name();

    /**
     * A random generator of the component's own, for one purpose (initial weights, a dropout mask).
     *
     * @param purpose what the numbers are for, e.g. {@code weight}
     * @return a generator seeded from the model's seed, this component's name and {@code purpose}
     *     alone, so that adding a component elsewhere does not change this one's numbers
     */
    RandomGenerator random(String purpose);

    /**
     * Builds a nested activation, e.g. from a layer's {@code activation} key, through the same
     * registry as top-level components, so that extensions' activations work there too.
     *
     * @param spec the activation's configuration, e.g. from {@link Config#getComponent(String)}
     * @return the activation, built with this component's context
     * @throws dev.nnj.api.UnknownComponentException if no extension provides its type
     * @throws dev.nnj.api.ModelConfigException if its configuration is invalid
     */
    Activation activation(Config spec);

    /**
     * Builds a nested initialiser, e.g. from a layer's {@code weightInit} key, through the same
     * registry as top-level components.
     *
     * @param spec the initialiser's configuration, e.g. from {@link Config#getComponent(String)}
     * @return the initialiser, built with this component's context
     * @throws dev.nnj.api.UnknownComponentException if no extension provides its type
     * @throws dev.nnj.api.ModelConfigException if its configuration is invalid
     */
    Initializer initializer(Config spec);

    /**
     * The compute kernels of the backend the user chose, for layers' products, so that a third
     * party's layer runs on it as nnj's own do.
     *
     * @return the runtime's kernels; {@link Kernels#plain()} by default (a runtime that offers none)
     */
    default Kernels kernels() {
        return Kernels.plain();
    }

    /**
     * The element type the model computes in ({@code "dtype"} in a model file). A layer whose
     * {@link dev.nnj.api.Layer#supports(DType)} says yes for it allocates its parameters, buffers and
     * state in it; any other layer keeps float64, and nnj converts at its boundary.
     *
     * @return {@link DType#F64} by default, or {@link DType#F32}
     */
    default DType dtype() {
        return DType.F64;
    }

    /**
     * Looks up an optional service of the runtime that builds the model. A component that finds
     * none falls back to a default of its own, so that it also works with other runtimes.
     *
     * @param <T> the service type
     * @param type the class of the service wanted, e.g. nn-core's {@code Kernels}
     * @return a service of the runtime that builds the model, if it offers one of this type (nn-core
     *     offers its compute {@code Kernels}, so that a layer uses the backend the user chose);
     *     empty by default
     */
    default <T> Optional<T> service(Class<T> type) {
        return Optional.empty();
    }
}
