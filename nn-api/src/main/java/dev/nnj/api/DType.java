package dev.nnj.api;

/**
 * The element type of a tensor or buffer, named as safetensors names it. Models compute in
 * {@link #F64} by default or in {@link #F32} ({@code "dtype": "float32"}); {@link #I64} is for
 * integer buffers such as a batch-norm's {@code num_batches_tracked}.
 */
public enum DType {
    /** 64-bit IEEE 754 floating point, in a {@code double[]}: the default. */
    F64,
    /** 32-bit IEEE 754 floating point, in a {@code float[]}. */
    F32,
    /**
     * 64-bit signed integers, for buffers. In memory they are held in a {@code double[]}, exactly
     * for magnitudes up to 2<sup>53</sup>; model files store them as {@code I64}.
     */
    I64
}
