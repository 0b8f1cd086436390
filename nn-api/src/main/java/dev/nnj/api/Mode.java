package dev.nnj.api;

/** Whether a forward pass is part of training (dropout active, ...) or inference. */
public enum Mode {
    /** A training step: a backward pass may follow, and dropout and similar layers are active. */
    TRAIN,
    /** Prediction or evaluation: no backward pass follows, and dropout and similar layers
     * pass their input through unchanged. */
    INFERENCE
}
