package dev.nnj.core.table;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.Tensor;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.CsvTable;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.eval.Evaluator;
import dev.nnj.core.eval.Predictions;

/**
 * A model that takes raw rows: the network and what it learned of its table. Load one with
 * {@code ModelArchive.loadTable}; predicting does not change it, and each call has buffers of its
 * own, so threads may share one instance.
 *
 * <pre>{@code
 * TableModel m = ModelArchive.loadTable(Path.of("churn.nnj"), NnRuntime.discover().assembler());
 * TableModel.Predicted p = m.predict(CsvTable.read(Path.of("new-customers.csv")));
 * String first = p.label(0);               // "yes", as the training file wrote it
 * }</pre>
 *
 * @param model the network, its loss and training settings
 * @param schema what it learned of its table; {@code null} for a model trained on tensors, which
 *     takes the CSV's numbers as they are
 */
public record TableModel(AssembledModel model, TableSchema schema) {

    /**
     * Checks the model is there.
     *
     * @param model the network, its loss and training settings
     * @param schema the table schema, or {@code null}
     */
    public TableModel {
        requireNonNull(model, "model is null");
    }

    /**
     * Predictions for rows.
     *
     * @param outputs [n, k] class probabilities (classification), or the predicted values in the
     *     target's own units (regression)
     * @param classes the predicted class of each row (classification), else {@code null}
     * @param target the label as the model learned it, or {@code null} for a model without a table
     */
    public record Predicted(Tensor outputs, int[] classes, TableTarget target) {

        /**
         * @param row a row index
         * @return the predicted class as the training file wrote it (e.g. {@code yes}), or its number
         *     for a model without a table
         * @throws IllegalStateException for a regression model
         */
        public String label(int row) {
            if (classes == null) {
                throw new IllegalStateException("A regression model predicts values, not labels.");
            }
            return target == null ? Integer.toString(classes[row]) : target.className(classes[row]);
        }
    }

    /**
     * Encodes rows as the model's input: through the schema, or, without one, the numbers as they
     * are (every column a feature).
     *
     * @param rows the rows; the label column may be absent
     * @return [n, inputs] the model's input
     * @throws dev.nnj.api.DataException naming the file, line and column of the first bad field
     */
    public Tensor encode(CsvTable rows) {
        if (schema != null) {
            return schema.encodeFeatures(rows);
        }
        Tensor x = Tensor.zeros(rows.size(), rows.header().size());
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.header().size(); c++) {
                x.data()[r * x.cols() + c] = TableSchema.rawNumber(rows, r, c);
            }
        }
        return x;
    }

    /**
     * Predicts every row.
     *
     * @param rows the rows, with the columns the model was trained on; the label may be absent
     * @return probabilities and classes, or values in the target's units
     * @throws dev.nnj.api.DataException naming the file, line and column of the first bad field
     * @throws dev.nnj.api.ShapeMismatchException if rows without a table do not fit the model's input
     */
    public Predicted predict(CsvTable rows) {
        Tensor x = encode(rows);
        model.model().checkInput(x);
        Tensor out = model.model().predict(x);
        Tensor p = Predictions.probabilities(model.loss(), out);
        TableTarget target = schema == null ? null : schema.target();
        if (!model.loss().isClassification()) {
            if (target != null) {
                double[] d = p.data();
                for (int i = 0; i < d.length; i++) {
                    d[i] = target.toUnits(d[i]);
                }
            }
            return new Predicted(p, null, target);
        }
        int[] classes = new int[p.rows()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = Predictions.predictedClass(p, i);
        }
        return new Predicted(p, classes, target);
    }

    /**
     * Encodes rows with their labels, as the model trains and evaluates on them.
     *
     * @param rows the rows, with the label column
     * @return the examples
     * @throws IllegalStateException for a model without a table
     * @throws dev.nnj.api.DataException naming the file, line and column of the first bad field
     */
    public DataSet examples(CsvTable rows) {
        if (schema == null) {
            throw new IllegalStateException("This model was not trained on a table.");
        }
        return schema.encode(rows);
    }

    /**
     * Evaluates the model on every row; regression errors in the target's own units.
     *
     * @param rows the rows, with the label column
     * @return the loss, accuracy and per-class metrics, or MAE, RMSE and R²
     * @throws IllegalStateException for a model without a table
     * @throws dev.nnj.api.DataException naming the file, line and column of the first bad field
     */
    public Evaluation evaluate(CsvTable rows) {
        return evaluator(256).evaluate(examples(rows));
    }

    /**
     * An evaluator that reports in the target's units; one per thread.
     *
     * @param batchSize examples per forward pass
     * @return a new evaluator of this model
     */
    public Evaluator evaluator(int batchSize) {
        Evaluator e = new Evaluator(model.model(), model.loss(), batchSize);
        return schema == null || schema.target().classification() ? e : e.inTargetUnits(schema.target().scale());
    }
}
