package dev.nnj.core;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.spi.NnExtension;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.build.ModelAssembler;
import dev.nnj.core.build.ModelSpec;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.registry.ComponentRegistry;
import dev.nnj.core.registry.ExtensionDiscovery;
import java.nio.file.Path;

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
    private final ModelAssembler assembler;

    public NnRuntime(ComponentRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
        this.assembler = new ModelAssembler(registry);
    }

    /** Discovers extensions with {@link java.util.ServiceLoader} on the thread's context class loader. */
    public static NnRuntime discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : NnRuntime.class.getClassLoader());
    }

    public static NnRuntime discover(ClassLoader loader) {
        return new NnRuntime(ExtensionDiscovery.discover(loader));
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
