package dev.nnj.spark;

import dev.nnj.api.Tensor;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.eval.Evaluator;
import dev.nnj.core.json.ModelFileReader;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Evaluates a model on data held by Spark, where it is: every partition evaluates its examples with
 * nnj's {@link Evaluator} (from the broadcast parameters), and the driver adds up the figures. The
 * result is {@link Evaluator}'s on the same examples, up to the order of summing the loss.
 */
public final class SparkEvaluator {
    /** Examples evaluated at once on an executor: a partition is streamed, not held whole. */
    private static final int CHUNK = 4096;

    private SparkEvaluator() {
    }

    /**
     * Evaluates {@code model} on {@code data} in one Spark job.
     *
     * @param spark the context that broadcasts the parameters
     * @param data the examples, on the executors; read once, not cached here
     * @param modelJson the model file the executors build the model from
     * @param model the trained model on the driver; not modified
     * @return the loss and accuracy or mean absolute error over every example, and the confusion
     *     matrix for classification
     * @throws dev.nnj.api.NnException an executor's (bad data, say), not Spark's wrapper around it
     */
    public static Evaluation evaluate(JavaSparkContext spark, JavaRDD<Example> data, String modelJson,
            AssembledModel model) {
        Broadcast<double[]> values = spark.broadcast(Flat.values(model.model().parameters()));
        try {
            return Failures.unwrapping(() -> data.mapPartitions(rows -> evaluatePartition(rows, modelJson, values.value()))
                    .reduce(Partial::plus).evaluation());
        } finally {
            values.destroy();
        }
    }

    private static Iterator<Partial> evaluatePartition(Iterator<Example> rows, String modelJson, double[] values) {
        AssembledModel model = NnRuntime.discover().assemble(ModelFileReader.read(modelJson, "model"));
        Flat.read(values, model.model().parameters());
        int outputs = model.model().outputShape().size();
        int classes = model.loss().isClassification() ? (outputs == 1 ? 2 : outputs) : 0;
        Partial sum = new Partial(0, 0, new long[classes * classes], 0, classes, outputs);
        Evaluator evaluator = new Evaluator(model.model(), model.loss(), 256);
        List<Example> chunk = new ArrayList<>(CHUNK);
        while (rows.hasNext()) {
            chunk.add(rows.next());
            if (chunk.size() == CHUNK || !rows.hasNext()) {
                sum = sum.plus(evaluateChunk(chunk, model, evaluator, classes));
                chunk.clear();
            }
        }
        return List.of(sum).iterator();
    }

    /** @return the figures of {@code examples}, evaluated as one data set */
    private static Partial evaluateChunk(List<Example> examples, AssembledModel model, Evaluator evaluator, int classes) {
        int n = examples.size();
        int outputs = model.model().outputShape().size();
        Tensor x = Tensor.zeros(n, model.model().inputShape().size());
        Tensor y = Tensor.zeros(n, outputs);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Example e = examples.get(i);
            System.arraycopy(e.features(), 0, x.data(), i * x.cols(), x.cols());
            System.arraycopy(e.target(), 0, y.data(), i * outputs, outputs);
            labels[i] = outputs == 1 ? (int) e.target()[0] : argMax(e.target());
        }
        DataSet data = classes > 0 ? DataSet.classification("partition", x, labels) : DataSet.regression("partition", x, y);
        Evaluation e = evaluator.evaluate(data);
        long[] confusion = new long[classes * classes];
        for (int i = 0; i < classes; i++) {
            for (int j = 0; j < classes; j++) {
                confusion[i * classes + j] = e.confusion()[i][j];
            }
        }
        double absSum = classes > 0 ? 0 : e.meanAbsoluteError() * n * outputs;
        return new Partial(e.loss() * n, absSum, confusion, n, classes, outputs);
    }

    private static int argMax(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }

    /** Sums over partitions; the confusion matrix row-major. */
    private record Partial(double lossSum, double absSum, long[] confusion, long examples, int classes, int outputs)
            implements Serializable {

        Partial plus(Partial o) {
            long[] c = confusion.clone();
            for (int i = 0; i < c.length; i++) {
                c[i] += o.confusion[i];
            }
            return new Partial(lossSum + o.lossSum, absSum + o.absSum, c, examples + o.examples, classes, outputs);
        }

        Evaluation evaluation() {
            int[][] matrix = new int[classes][classes];
            long correct = 0;
            for (int i = 0; i < classes; i++) {
                for (int j = 0; j < classes; j++) {
                    matrix[i][j] = Math.toIntExact(confusion[i * classes + j]);
                }
                correct += confusion[i * classes + i];
            }
            int n = Math.toIntExact(examples);
            return new Evaluation(lossSum / n, classes > 0 ? (double) correct / n : Double.NaN,
                    classes > 0 ? Double.NaN : absSum / ((double) n * outputs), matrix, n);
        }
    }
}
