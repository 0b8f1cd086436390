/**
 * The built-in initialisers: uniform and normal draws scaled by the layer's fans (Xavier, He,
 * LeCun) and constants. Their numbers come from the generator passed in, seeded per parameter, so
 * adding a layer does not change the others' initial weights.
 */
package dev.nnj.core.init;
