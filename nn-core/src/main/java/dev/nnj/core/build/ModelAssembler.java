package dev.nnj.core.build;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.Activation;
import dev.nnj.api.DType;
import dev.nnj.api.ExtensionException;
import dev.nnj.api.Initializer;
import dev.nnj.api.Layer;
import dev.nnj.api.Loss;
import dev.nnj.api.ModelConfigException;
import dev.nnj.api.NnException;
import dev.nnj.api.Optimizer;
import dev.nnj.api.Schedule;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.UnknownComponentException;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.ComponentKind;
import dev.nnj.api.spi.Config;
import dev.nnj.core.layer.ActivationLayer;
import dev.nnj.core.math.Kernels;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.random.Seeds;
import dev.nnj.core.registry.ComponentRegistry;
import dev.nnj.core.registry.Suggestions;
import dev.nnj.core.train.TrainingOptions;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Builds a model from a {@link ModelSpec} through the registry; nothing here switches on ids.
 * Components say what went wrong; this class adds where ({@code layers[2] (dense)}) and reports
 * every key a provider did not read as a probable typo.
 *
 * <p>A layer's {@code activation} key is read here, for any layer type: it adds an activation layer
 * after the layer, named {@code layers[i].activation}. So is a layer's {@code trainable} key (true
 * by default): {@code false} freezes the layer and its activation ({@link Sequential}). Both are
 * read before the layer's provider runs, so no provider need know them and neither is reported as
 * unknown. So is the optimizer's {@code schedule} key, for any optimizer: a learning-rate schedule
 * component.
 */
public final class ModelAssembler {
    private final ComponentRegistry registry;
    private final Kernels kernels;

    /**
     * An assembler whose layers compute with the single-threaded EJML reference kernels.
     *
     * @param registry the components that specs may name
     */
    public ModelAssembler(ComponentRegistry registry) {
        this(registry, Kernels.defaultKernels());
    }

    /**
     * An assembler whose layers compute with the given backend.
     *
     * @param registry the components that specs may name
     * @param kernels the compute backend offered to layers through {@link BuildContext#service(Class)}
     * @throws NullPointerException if {@code registry} or {@code kernels} is null
     */
    public ModelAssembler(ComponentRegistry registry, Kernels kernels) {
        this.registry = requireNonNull(registry, "registry is null");
        this.kernels = requireNonNull(kernels, "kernels is null");
    }

    /**
     * Builds every component of {@code spec}, checks that the shapes fit and that no key is unread.
     *
     * @param spec the model as declared
     * @return the network (initialised from the spec's seed), loss, optimizer (not yet attached),
     *     training settings, clipping and schedule
     * @throws NnException whose message starts with the source and the path of the first problem
     */
    public AssembledModel assemble(ModelSpec spec) {
        try {
            return build(spec);
        } catch (NnException e) {
            throw withSource(spec.source(), e);
        }
    }

    private AssembledModel build(ModelSpec spec) {
        if (spec.layers().isEmpty()) {
            throw new ModelConfigException("layers: a model needs at least one layer.");
        }
        if (spec.input() == null) {
            throw new ModelConfigException("no \"input\": its width comes from the table this model trains on; train "
                    + "it on a table (--data csv:FILE), or give \"input\".");
        }
        TrainingOptions training = training(spec);
        if (!kernels.supports(spec.dtype())) {
            throw new ModelConfigException("dtype: the backend " + kernels.description() + " does not compute in "
                    + spec.dtype() + "; choose another backend (--backend) or \"dtype\": \"float64\".");
        }
        Sequential.Builder builder = Sequential.builder(spec.input()).seed(spec.seed()).dtype(spec.dtype());
        Shape shape = checkWidth(spec.input(), "input", "make the input smaller");
        String lastActivation = null;
        boolean lastIsOutputFunction = false;
        for (int i = 0; i < spec.layers().size(); i++) {
            Config config = spec.layers().get(i);
            String label = config.path() + " (" + config.type() + ")";
            Optional<Config> activation = config.getComponent("activation");
            boolean trainable = config.getBoolean("trainable", true);
            Layer layer = create(ComponentKind.LAYER, Layer.class, config,
                    new Context(this, shape, "layers." + i, spec.seed(), spec.dtype()));
            shape = checkWidth(outputShape(layer, shape, label), label + ": its output", "make the layer smaller");
            builder.add(layer, "layers." + i, label, trainable);
            lastActivation = null;
            lastIsOutputFunction = false;
            if (activation.isPresent()) {
                Config a = activation.get();
                Activation built = activation(a,
                        new Context(this, shape, "layers." + i + ".activation", spec.seed(), spec.dtype()));
                builder.add(new ActivationLayer(built), "layers." + i + ".activation", a.path() + " (" + a.type() + ")",
                        trainable);
                lastActivation = a.type();
                lastIsOutputFunction = built.outputFunction();
            }
        }
        Sequential model = builder.build();
        Loss loss = create(ComponentKind.LOSS, Loss.class, spec.loss(),
                new Context(this, shape, "loss", spec.seed(), spec.dtype()));
        if (loss.takesLogits() && lastIsOutputFunction) {
            throw new ModelConfigException(spec.layers().get(spec.layers().size() - 1).path() + ".activation: '"
                    + lastActivation + "' before the loss '" + spec.loss().type() + "', which applies it itself and "
                    + "takes raw scores (logits); remove \"activation\": \"" + lastActivation + "\" from the last layer.");
        }
        Optional<Config> scheduleSpec = spec.optimizer().getComponent("schedule");
        Optimizer optimizer = create(ComponentKind.OPTIMIZER, Optimizer.class, spec.optimizer(),
                new Context(this, shape, "optimizer", spec.seed(), spec.dtype()));
        checkOptimizerType(model, optimizer, spec.optimizer());
        Schedule schedule = scheduleSpec.isEmpty() ? null : create(ComponentKind.SCHEDULE, Schedule.class,
                scheduleSpec.get(), new Context(this, shape, "optimizer.schedule", spec.seed(), spec.dtype()));
        return new AssembledModel(model, loss, optimizer, training, spec.clipping(), schedule, spec);
    }

    /** Refuses an optimizer that cannot update the model's float32 parameters, before training starts. */
    private static void checkOptimizerType(Sequential model, Optimizer optimizer, Config config) {
        for (dev.nnj.api.Parameter p : model.trainableParameters()) {
            DType type = p.value().dtype();
            if (!optimizer.supports(type)) {
                throw new ModelConfigException(config.path() + " (" + config.type() + "): this optimizer updates "
                        + "float64 parameters only (it does not answer supports(DType." + type + ") with true), and "
                        + p.path() + " is " + type + "; use \"dtype\": \"float64\" or an optimizer that supports "
                        + type + ".");
            }
        }
    }

    private static TrainingOptions training(ModelSpec spec) {
        try {
            return new TrainingOptions(spec.epochs(), spec.batchSize(), spec.seed(), spec.dropLast());
        } catch (IllegalArgumentException e) {
            throw new ModelConfigException(e.getMessage(), e);
        }
    }

    /** Refuses a shape whose values per example overflow a tensor's row, before a layer multiplies them. */
    private static Shape checkWidth(Shape shape, String what, String fix) {
        long values = 1;
        for (int i = 0; i < shape.rank(); i++) {
            values *= shape.dim(i);
            if (values > Integer.MAX_VALUE) {
                throw new ModelConfigException(what + " " + shape + " holds more values per example than a tensor's "
                        + "row (at most " + Integer.MAX_VALUE + "); " + fix + ".");
            }
        }
        return shape;
    }

    private static Shape outputShape(Layer layer, Shape input, String label) {
        try {
            return layer.outputShape(input);
        } catch (ShapeMismatchException e) {
            throw new ShapeMismatchException(label + ": " + e.getMessage(), e);
        }
    }

    Activation activation(Config spec, BuildContext context) {
        return create(ComponentKind.ACTIVATION, Activation.class, spec, context);
    }

    Initializer initializer(Config spec, BuildContext context) {
        return create(ComponentKind.INITIALIZER, Initializer.class, spec, context);
    }

    private <T> T create(ComponentKind kind, Class<T> type, Config config, BuildContext context) {
        ComponentRegistry.Entry entry;
        try {
            entry = registry.entry(kind, config.type());
        } catch (UnknownComponentException e) {
            throw new UnknownComponentException(config.path() + ": " + e.getMessage(), e);
        }
        Object component;
        try {
            component = entry.provider().create(config, context);
        } catch (IllegalArgumentException e) {
            throw new ModelConfigException(config.path() + " (" + config.type() + "): " + e.getMessage(), e);
        } catch (ShapeMismatchException e) {
            throw new ShapeMismatchException(config.path() + " (" + config.type() + "): " + e.getMessage(), e);
        }
        if (!type.isInstance(component)) {
            throw new ExtensionException(entry + " returned " + component + " for " + config.path()
                    + "; expected a " + type.getSimpleName() + ".");
        }
        checkAllKeysRead(config);
        return type.cast(component);
    }

    private static void checkAllKeysRead(Config config) {
        Set<String> unread = config.unreadKeys();
        if (unread.isEmpty()) {
            return;
        }
        String key = unread.iterator().next();
        Set<String> known = new TreeSet<>(config.readKeys());
        throw new ModelConfigException(config.path() + " (" + config.type() + "): unknown key '" + key + "'."
                + Suggestions.didYouMean(key, known) + " Keys that '" + config.type() + "' reads: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ".");
    }

    private static NnException withSource(String source, NnException e) {
        String message = source + ": " + e.getMessage();
        if (e instanceof UnknownComponentException) {
            return new UnknownComponentException(message, e);
        }
        if (e instanceof ShapeMismatchException) {
            return new ShapeMismatchException(message, e);
        }
        if (e instanceof ModelConfigException) {
            return new ModelConfigException(message, e);
        }
        return e;
    }

    /** The {@link BuildContext} of one component. */
    private record Context(ModelAssembler assembler, Shape inputShape, String name, long seed, DType dtype)
            implements BuildContext {
        @Override
        public RandomGenerator random(String purpose) {
            return Seeds.stream(seed, "init:" + name + "." + purpose);
        }

        @Override
        public Activation activation(Config spec) {
            return assembler.activation(spec, this);
        }

        @Override
        public Initializer initializer(Config spec) {
            return assembler.initializer(spec, this);
        }

        @Override
        public dev.nnj.api.Kernels kernels() {
            return assembler.kernels;
        }

        @Override
        public <T> Optional<T> service(Class<T> type) {
            return type == Kernels.class || type == dev.nnj.api.Kernels.class ? Optional.of(type.cast(assembler.kernels))
                    : Optional.empty();
        }
    }
}
