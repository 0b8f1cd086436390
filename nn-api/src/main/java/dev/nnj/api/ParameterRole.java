package dev.nnj.api;

/** What a parameter is for; optimizers and initialisers may treat roles differently. */
public enum ParameterRole {
    /**
     * A weight matrix, stored [in, out] so that a layer computes x·W; model files and exports
     * transpose it to PyTorch's {@code nn.Linear} layout [out, in].
     */
    WEIGHT,
    /** A bias, one row [1, out]; exported as a vector [out] (a bias of several rows as it is). */
    BIAS,
    /** Any other parameter; exported in its own [rows, cols] layout. */
    OTHER
}
