package dev.nnj.api.spi;

import dev.nnj.api.Activation;
import dev.nnj.api.Initializer;
import dev.nnj.api.Shape;
import dev.nnj.api.Spi;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** What a provider may know and use while it builds a component. */
@Spi
public interface BuildContext {

    /** @return the shape of one input example of the component (for a loss: the model's output) */
    Shape inputShape();

    /** @return the prefix of this component's parameter paths, e.g. {@code layers.0} */
    String name();

    /**
     * @param purpose what the numbers are for, e.g. {@code weight}
     * @return a generator seeded from the model's seed, this component's name and {@code purpose}
     *     alone, so that adding a component elsewhere does not change this one's numbers
     */
    RandomGenerator random(String purpose);

    /** Builds a nested activation, e.g. from a layer's {@code activation} key. */
    Activation activation(Config spec);

    /** Builds a nested initialiser, e.g. from a layer's {@code weightInit} key. */
    Initializer initializer(Config spec);

    /**
     * @return a service of the runtime that builds the model, if it offers one of this type (nn-core
     *     offers its compute {@code Kernels}, so that a layer uses the backend the user chose)
     */
    default <T> Optional<T> service(Class<T> type) {
        return Optional.empty();
    }
}
