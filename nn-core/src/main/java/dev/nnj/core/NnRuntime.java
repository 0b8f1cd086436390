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

    /** A runtime whose models compute with the single-threaded EJML reference kernels. */
    public NnRuntime(ComponentRegistry registry) {
        this(registry, Kernels.defaultKernels());
    }

    /** @param kernels the compute backend of the models this runtime builds */
    public NnRuntime(ComponentRegistry registry, Kernels kernels) {
        this.registry = requireNonNull(registry, "registry is null");
        this.kernels = requireNonNull(kernels, "kernels is null");
        this.assembler = new ModelAssembler(registry, kernels);
    }

    /**
     * Discovers extensions and compute backends with {@link java.util.ServiceLoader} on the thread's
     * context class loader; the backend is the one named by {@code -Dnnj.backend}, else the available
     * one of highest rank, with {@code -Dnnj.threads} threads (default 1).
     */
    public static NnRuntime discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : NnRuntime.class.getClassLoader());
    }

    public static NnRuntime discover(ClassLoader loader) {
        return discover(loader, null, Backends.threadsFromProperty());
    }

    /**
     * @param backend the backend's name, or {@code null} for {@code -Dnnj.backend} or the highest rank
     * @param threads threads of the matrix products, >= 1
     */
    public static NnRuntime discover(ClassLoader loader, String backend, int threads) {
        return discover(loader, List.of(), backend, threads);
    }

    /**
     * @param plugins class loaders of plugin jars ({@link dev.nnj.core.registry.Plugins#load}), searched
     *     after {@code loader}
     */
    public static NnRuntime discover(ClassLoader loader, List<ClassLoader> plugins, String backend, int threads) {
        List<ClassLoader> all = new ArrayList<>();
        all.add(loader);
        all.addAll(plugins);
        return new NnRuntime(ExtensionDiscovery.discover(all), Backends.choose(backend, loader).create(threads));
    }

    /** A runtime of exactly these extensions, without {@link java.util.ServiceLoader} (tests, shaded jars). */
    public static NnRuntime of(NnExtension... extensions) {
        ComponentRegistry.Builder builder = ComponentRegistry.builder();
        for (NnExtension e : extensions) {
            builder.add(e);
        }
        return new NnRuntime(builder.build());
    }

    public ComponentRegistry registry() {
        return registry;
    }

    /** @return the compute backend of the models this runtime builds */
    public Kernels kernels() {
        return kernels;
    }

    public ModelAssembler assembler() {
        return assembler;
    }

    /** Reads a model file (not yet built). */
    public ModelSpec read(Path modelFile) {
        return ModelFileReader.read(modelFile);
    }

    public AssembledModel assemble(ModelSpec spec) {
        return assembler.assemble(spec);
    }

    /** Reads and builds a model file. */
    public AssembledModel load(Path modelFile) {
        return assemble(read(modelFile));
    }
}
