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
    LAYER("layer", Layer.class, NnExtension::layers),
    ACTIVATION("activation", Activation.class, NnExtension::activations),
    LOSS("loss", Loss.class, NnExtension::losses),
    OPTIMIZER("optimizer", Optimizer.class, NnExtension::optimizers),
    INITIALIZER("initializer", Initializer.class, NnExtension::initializers),
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

    /** @return the word used in messages: {@code layer}, {@code activation}, ... */
    public String label() {
        return label;
    }

    public Class<?> componentType() {
        return componentType;
    }

    /** @return the providers of this kind that {@code extension} contributes; never null */
    public List<? extends ComponentProvider<?>> providersOf(NnExtension extension) {
        List<? extends ComponentProvider<?>> list = getter.apply(extension);
        return list == null ? List.of() : list;
    }
}
