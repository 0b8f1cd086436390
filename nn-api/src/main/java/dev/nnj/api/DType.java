package dev.nnj.api;

/**
 * The element type of a tensor or buffer, named as safetensors names it. nnj 0.2 computes in
 * {@link #F64}; {@link #F32} is reserved for float32 storage, which a later release adds; {@link #I64}
 * is for integer buffers such as a batch-norm's {@code num_batches_tracked}.
 */
public enum DType {
    /** 64-bit IEEE 754 floating point; what every tensor of nnj 0.2 holds. */
    F64,
    /** 32-bit IEEE 754 floating point; read from files, not yet computed in. */
    F32,
    /**
     * 64-bit signed integers, for buffers. In memory they are held in a {@code double[]}, exactly
     * for magnitudes up to 2<sup>53</sup>; model files store them as {@code I64}.
     */
    I64
}
