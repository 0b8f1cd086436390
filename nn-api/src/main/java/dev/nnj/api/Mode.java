package dev.nnj.api;

/** Whether a forward pass is part of training (dropout active, ...) or inference. */
public enum Mode {
    TRAIN,
    INFERENCE
}
