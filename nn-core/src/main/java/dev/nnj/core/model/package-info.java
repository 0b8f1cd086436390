/**
 * The network: {@link dev.nnj.core.model.Sequential}, an ordered list of layers that owns their
 * parameters, and {@link dev.nnj.core.model.Workspace}, the batch buffers of one thread, allocated
 * once, through which forward and backward passes run without allocating.
 */
package dev.nnj.core.model;
