/**
 * Measuring a model on data: {@link dev.nnj.core.eval.Evaluator} runs it in inference mode and
 * reports an {@link dev.nnj.core.eval.Evaluation}: the mean loss with accuracy, confusion matrix and
 * {@link dev.nnj.core.eval.ClassificationMetrics} (per-class precision, recall and F1, log loss,
 * ROC-AUC and average precision), or mean absolute error and
 * {@link dev.nnj.core.eval.RegressionMetrics} (MAE, RMSE, R²). {@link dev.nnj.core.eval.Predictions}
 * turns outputs into probabilities and classes. {@link dev.nnj.core.eval.Predictor} serves a model to
 * any number of threads at once, from a pool of workspaces, answering a
 * {@link dev.nnj.core.eval.Prediction} per example.
 */
package dev.nnj.core.eval;
