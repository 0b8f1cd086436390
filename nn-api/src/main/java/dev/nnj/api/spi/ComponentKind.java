package dev.nnj.api.spi;

import dev.nnj.api.Activation;
import dev.nnj.api.Initializer;
import dev.nnj.api.Layer;
import dev.nnj.api.Loss;
import dev.nnj.api.Optimizer;
import dev.nnj.api.Schedule;
import java.util.List;
import java.util.function.Function;

/** The kinds of component an extension can contribute. */
public enum ComponentKind {
    /** {@link Layer}s, from {@link NnExtension#layers()}; named in a model's {@code layers} list. */
    LAYER("layer", Layer.class, NnExtension::layers),
    /** {@link Activation}s, from {@link NnExtension#activations()}; named by a layer's {@code activation}. */
    ACTIVATION("activation", Activation.class, NnExtension::activations),
    /** {@link Loss}es, from {@link NnExtension#losses()}; named by a model's {@code loss}. */
    LOSS("loss", Loss.class, NnExtension::losses),
    /** {@link Optimizer}s, from {@link NnExtension#optimizers()}; named by a model's {@code optimizer}. */
    OPTIMIZER("optimizer", Optimizer.class, NnExtension::optimizers),
    /**
     * {@link Initializer}s, from {@link NnExtension#initializers()}; named by keys such as a dense
     * layer's {@code weightInit}.
     */
    INITIALIZER("initializer", Initializer.class, NnExtension::initializers),
    /** {@link Schedule}s, from {@link NnExtension#schedules()}; named by an optimizer's {@code schedule}. */
    SCHEDULE("schedule", Schedule.class, NnExtension::schedules);

    private final String label;
    private final Class<?> componentType;
    private final Function<NnExtension, List<? extends ComponentProvider<?>>> getter;

    ComponentKind(String label, Class<?> componentType,
            Function<NnExtension, List<? extends ComponentProvider<?>>> getter) {
        this.label = label;
        this.componentType = componentType;
        this.getter = getter;
    }

    /**
     * The name of this kind in messages and in {@code nnj list}.
     *
     * @return the word used in messages: {@code layer}, {@code activation}, ...
     */
    public String label() {
        return label;
    }

    /**
     * The interface that components of this kind implement; the registry checks what a provider
     * returns against it.
     *
     * @return e.g. {@code Layer.class} for {@link #LAYER}
     */
    public Class<?> componentType() {
        return componentType;
    }

    /**
     * Calls the getter of {@code extension} for this kind.
     *
     * @param extension the extension to ask
     * @return the providers of this kind that {@code extension} contributes; never null (an
     *     extension's null list counts as empty)
     */
    public List<? extends ComponentProvider<?>> providersOf(NnExtension extension) {
        List<? extends ComponentProvider<?>> list = getter.apply(extension);
        return list == null ? List.of() : list;
    }
}
