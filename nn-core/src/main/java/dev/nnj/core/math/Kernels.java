package dev.nnj.core.math;

/**
 * nn-core's name for the compute kernels, which moved to nn-api ({@link dev.nnj.api.Kernels}) so
 * that third-party layers reach the user's backend without depending on nn-core. Backends
 * ({@link Backend#create(int)}) still return this type, and code written against 0.1 keeps
 * compiling; new code should use {@link dev.nnj.api.Kernels}.
 */
public interface Kernels extends dev.nnj.api.Kernels {

    /**
     * The kernels that layers use when no backend is given.
     *
     * @return the reference implementation on EJML, one thread
     */
    static Kernels defaultKernels() {
        return EjmlKernels.INSTANCE;
    }
}
