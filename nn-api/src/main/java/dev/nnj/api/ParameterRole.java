package dev.nnj.api;

/**
 * What a parameter is for; optimizers and initialisers may treat roles differently. A parameter's
 * layout in model files is its declared {@link Parameter#shape()}; the role decides it only for
 * parameters made the 0.1 way, as each constant says.
 */
public enum ParameterRole {
    /**
     * A weight, e.g. a matrix stored [in, out] so that a layer computes x·W; made the 0.1 way it is
     * declared transposed, PyTorch's {@code nn.Linear} layout [out, in].
     */
    WEIGHT,
    /** A bias, e.g. one row [1, out]; made the 0.1 way, one row is declared a vector [out] (several
     * rows as they are). */
    BIAS,
    /** Any other parameter; made the 0.1 way, declared [rows, cols]. */
    OTHER
}
