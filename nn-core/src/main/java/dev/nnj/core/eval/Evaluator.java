package dev.nnj.core.eval;

import dev.nnj.api.Loss;
import dev.nnj.api.Mode;
import dev.nnj.api.Tensor;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.model.Workspace;

/**
 * Computes the loss, accuracy (or mean absolute error) and confusion matrix of a model on data, and
 * the detailed {@link ClassificationMetrics} or {@link RegressionMetrics}.
 */
public final class Evaluator {
    private final Sequential model;
    private final Loss loss;
    private final Workspace workspace;
    private final Tensor x;
    private final Tensor y;
    private double targetScale = 1;

    /**
     * An evaluator with its own buffers, allocated once here: one instance serves one thread.
     *
     * @param model the model to evaluate; its parameters are read, not modified
     * @param loss the loss to report; also decides whether outputs are logits
     * @param batchSize how many examples to run at once, &gt;= 1
     */
    public Evaluator(Sequential model, Loss loss, int batchSize) {
        this.model = model;
        this.loss = loss;
        this.workspace = model.newWorkspace(batchSize);
        this.x = Tensor.zeros(batchSize, model.inputShape().size());
        this.y = Tensor.zeros(batchSize, model.outputShape().size());
    }

    /**
     * Reports regression errors in the target's own units when the model trains on a standardised
     * target (a table's {@code standardizeTarget}): MAE, RMSE and the mean absolute error are
     * multiplied by {@code scale}; R² does not change; the loss stays in the units the model trains in.
     *
     * @param scale the target's standard deviation, &gt; 0; 1 for none
     * @return this evaluator
     * @throws IllegalArgumentException if {@code scale} is not a finite number &gt; 0
     */
    public Evaluator inTargetUnits(double scale) {
        if (!(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("The target scale must be a finite number > 0, got " + scale + ".");
        }
        this.targetScale = scale;
        return this;
    }

    /**
     * Runs the model in inference mode over every example of {@code data}, in order.
     *
     * @param data the examples; not modified
     * @return the mean loss, and accuracy, confusion matrix and {@link ClassificationMetrics}
     *     (classification) or mean absolute error and {@link RegressionMetrics} (regression)
     * @throws dev.nnj.api.ShapeMismatchException if the data does not fit the model's input or output
     * @throws dev.nnj.api.DataException if a label is outside the model's classes
     */
    public Evaluation evaluate(DataSet data) {
        int outputs = model.outputShape().size();
        data.checkFits(model);
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int classes = data.hasLabels() ? (outputs == 1 ? 2 : outputs) : 0;
        int[][] confusion = new int[classes][classes];
        double lossSum = 0;
        double absSum = 0;
        int correct = 0;
        // every output (and target) is kept, [n, outputs], for the metrics that need them all (AUC, R²)
        Tensor allOutputs = Tensor.zeros(n, outputs);
        Tensor allTargets = data.hasLabels() ? null : Tensor.zeros(n, outputs);
        int[] labels = data.hasLabels() ? new int[n] : null;
        for (int from = 0; from < n; from += workspace.maxBatch()) {
            int count = Math.min(workspace.maxBatch(), n - from);
            data.gather(order, from, count, x, y);
            Tensor out = workspace.forward(x, Mode.INFERENCE);
            lossSum += loss.compute(out, y, null) * count;
            System.arraycopy(out.data(), 0, allOutputs.data(), from * outputs, count * outputs);
            if (allTargets != null) {
                System.arraycopy(y.data(), 0, allTargets.data(), from * outputs, count * outputs);
            }
            for (int i = 0; i < count; i++) {
                if (data.hasLabels()) {
                    int truth = data.label(from + i);
                    labels[from + i] = truth;
                    int predicted = Predictions.predictedClass(loss, out, i);
                    confusion[truth][predicted]++;
                    correct += truth == predicted ? 1 : 0;
                } else {
                    for (int j = 0; j < outputs; j++) {
                        absSum += Math.abs(out.get(i, j) - y.get(i, j));
                    }
                }
            }
        }
        return new Evaluation(lossSum / n,
                data.hasLabels() ? (double) correct / n : Double.NaN,
                data.hasLabels() ? Double.NaN : absSum * targetScale / ((double) n * outputs),
                confusion, n,
                data.hasLabels() ? ClassificationMetrics.of(labels, Predictions.probabilities(loss, allOutputs)) : null,
                data.hasLabels() ? null : RegressionMetrics.of(scaled(allTargets), scaled(allOutputs)));
    }

    private Tensor scaled(Tensor t) {
        if (targetScale != 1) {
            double[] d = t.data();
            for (int i = 0; i < d.length; i++) {
                d[i] *= targetScale;
            }
        }
        return t;
    }
}
