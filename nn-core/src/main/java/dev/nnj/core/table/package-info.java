/**
 * Tables: how the columns of a CSV file become a model's input and its label
 * ({@link dev.nnj.core.table.TableSchema}, learned from the training rows with
 * {@link dev.nnj.core.table.TableOptions}), saved with the model, and the model that takes raw
 * rows ({@link dev.nnj.core.table.TableModel}).
 */
package dev.nnj.core.table;
