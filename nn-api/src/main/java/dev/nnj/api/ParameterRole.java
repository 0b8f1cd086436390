package dev.nnj.api;

/** What a parameter is for; optimizers and initialisers may treat roles differently. */
public enum ParameterRole {
    WEIGHT,
    BIAS,
    OTHER
}
