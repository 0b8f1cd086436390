/**
 * Measuring a model on data: {@link dev.nnj.core.eval.Evaluator} runs it in inference mode and
 * reports an {@link dev.nnj.core.eval.Evaluation} (mean loss, accuracy and confusion matrix, or
 * mean absolute error); {@link dev.nnj.core.eval.Predictions} turns outputs into probabilities and
 * classes.
 */
package dev.nnj.core.eval;
