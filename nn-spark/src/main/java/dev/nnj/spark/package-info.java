/**
 * Data-parallel training on Apache Spark: synchronous SGD, equal to single-machine training up to
 * the order of summation, and parameter averaging ({@link dev.nnj.spark.SparkTrainer}); data from
 * Parquet, CSV or IDX files ({@link dev.nnj.spark.SparkData}); evaluation where the data lies
 * ({@link dev.nnj.spark.SparkEvaluator}); and a {@code spark-submit} entry point
 * ({@link dev.nnj.spark.SparkMain}). An executor's failure reaches the user as nnj's own exception,
 * not Spark's wrapper.
 */
package dev.nnj.spark;
