/**
 * Examples in memory: {@link dev.nnj.core.data.DataSet} (features [n, f] with class labels or
 * regression targets [n, t]), its readers for CSV and IDX files (gzipped or not), and the seeded
 * shuffles that make every epoch's order depend on the seed and the epoch number alone. Readers
 * report bad data as a {@link dev.nnj.api.DataException} naming the file and the line.
 */
package dev.nnj.core.data;
