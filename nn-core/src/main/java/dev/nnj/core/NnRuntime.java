package dev.nnj.core;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.spi.NnExtension;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelAssembler;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.math.Backends;
import dev.nnj.core.math.Kernels;
import dev.nnj.core.registry.ComponentRegistry;
import dev.nnj.core.registry.ExtensionDiscovery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point without Guice: a registry of components and what builds models from it.
 *
 * <pre>{@code
 * NnRuntime nnj = NnRuntime.discover();
 * AssembledModel m = nnj.load(Path.of("models/digits-mlp.json"));
 * m.trainer().fit(train, test);
 * }</pre>
 */
public final class NnRuntime {
    private final ComponentRegistry registry;
    private final Kernels kernels;
    private final ModelAssembler assembler;

    /**
     * A runtime whose models compute with the single-threaded EJML reference kernels.
     *
     * @param registry the components that model files may name
     */
    public NnRuntime(ComponentRegistry registry) {
        this(registry, Kernels.defaultKernels());
    }

    /**
     * A runtime whose models compute with the given backend.
     *
     * @param registry the components that model files may name
     * @param kernels the compute backend of the models this runtime builds
     * @throws NullPointerException if {@code registry} or {@code kernels} is null
     */
    public NnRuntime(ComponentRegistry registry, Kernels kernels) {
        this.registry = requireNonNull(registry, "registry is null");
        this.kernels = requireNonNull(kernels, "kernels is null");
        this.assembler = new ModelAssembler(registry, kernels);
    }

    /**
     * Discovers extensions and compute backends with {@link java.util.ServiceLoader} on the thread's
     * context class loader; the backend is the one named by {@code -Dnnj.backend}, else the available
     * one of highest rank, with {@code -Dnnj.threads} threads (default 1).
     *
     * @return a runtime of every extension on the class path and the chosen backend
     * @throws dev.nnj.api.ExtensionException if an extension or backend cannot be loaded, two
     *     extensions register the same id, or no backend can run here
     */
    public static NnRuntime discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : NnRuntime.class.getClassLoader());
    }

    /**
     * Discovers extensions and compute backends visible to {@code loader}, choosing the backend and
     * threads from the system properties as {@link #discover()} does.
     *
     * @param loader the class loader whose {@code META-INF/services} files are read
     * @return a runtime of every extension visible to {@code loader} and the chosen backend
     * @throws dev.nnj.api.ExtensionException if an extension or backend cannot be loaded, two
     *     extensions register the same id, or no backend can run here
     */
    public static NnRuntime discover(ClassLoader loader) {
        return discover(loader, null, Backends.threadsFromProperty());
    }

    /**
     * Discovers extensions and compute backends visible to {@code loader}, with the backend and
     * threads given.
     *
     * @param loader the class loader whose {@code META-INF/services} files are read
     * @param backend the backend's name, or {@code null} for {@code -Dnnj.backend} or the highest rank
     * @param threads threads of the matrix products, &gt;= 1
     * @return a runtime of every extension visible to {@code loader} and the chosen backend
     * @throws dev.nnj.api.ExtensionException if an extension or backend cannot be loaded, two
     *     extensions register the same id, or the backend is unknown or cannot run here
     */
    public static NnRuntime discover(ClassLoader loader, String backend, int threads) {
        return discover(loader, List.of(), backend, threads);
    }

    /**
     * Discovers extensions in the application and in plugin jars; backends come from
     * {@code loader} alone.
     *
     * @param loader the application's class loader
     * @param plugins class loaders of plugin jars ({@link dev.nnj.core.registry.Plugins#load}), searched
     *     after {@code loader}
     * @param backend the backend's name, or {@code null} for {@code -Dnnj.backend} or the highest rank
     * @param threads threads of the matrix products, &gt;= 1
     * @return a runtime of every extension found and the chosen backend
     * @throws dev.nnj.api.ExtensionException if an extension or backend cannot be loaded, two
     *     extensions register the same id, or the backend is unknown or cannot run here
     */
    public static NnRuntime discover(ClassLoader loader, List<ClassLoader> plugins, String backend, int threads) {
        List<ClassLoader> all = new ArrayList<>();
        all.add(loader);
        all.addAll(plugins);
        return new NnRuntime(ExtensionDiscovery.discover(all), Backends.choose(backend, loader).create(threads));
    }

    /**
     * A runtime of exactly these extensions, without {@link java.util.ServiceLoader} (tests, shaded
     * jars), computing with the EJML reference kernels.
     *
     * @param extensions the extensions to register, e.g. {@code new CoreExtension()}
     * @return a runtime of these extensions
     * @throws dev.nnj.api.ExtensionException if an id is malformed or registered twice
     */
    public static NnRuntime of(NnExtension... extensions) {
        ComponentRegistry.Builder builder = ComponentRegistry.builder();
        for (NnExtension e : extensions) {
            builder.add(e);
        }
        return new NnRuntime(builder.build());
    }

    /**
     * The components this runtime knows, e.g. to list them.
     *
     * @return the registry of every discovered component
     */
    public ComponentRegistry registry() {
        return registry;
    }

    /**
     * The kernels that the layers of this runtime's models compute with.
     *
     * @return the compute backend of the models this runtime builds
     */
    public Kernels kernels() {
        return kernels;
    }

    /**
     * What builds models from specs, with this runtime's registry and kernels.
     *
     * @return the assembler that {@link #assemble(ModelSpec)} uses
     */
    public ModelAssembler assembler() {
        return assembler;
    }

    /**
     * Reads a model file (not yet built), e.g. to override settings before building it.
     *
     * @param modelFile a JSON model file
     * @return the model as declared
     * @throws dev.nnj.api.ModelConfigException naming the file, and the line or path of the problem
     */
    public ModelSpec read(Path modelFile) {
        return ModelFileReader.read(modelFile);
    }

    /**
     * Builds a declared model with this runtime's components and kernels.
     *
     * @param spec the model as declared
     * @return the network, loss, optimizer and training settings
     * @throws dev.nnj.api.NnException whose message starts with the spec's source and the path of
     *     the first problem
     */
    public AssembledModel assemble(ModelSpec spec) {
        return assembler.assemble(spec);
    }

    /**
     * Reads and builds a model file.
     *
     * @param modelFile a JSON model file
     * @return the network, loss, optimizer and training settings
     * @throws dev.nnj.api.NnException naming the file, and the line or path of the first problem
     */
    public AssembledModel load(Path modelFile) {
        return assemble(read(modelFile));
    }
}
