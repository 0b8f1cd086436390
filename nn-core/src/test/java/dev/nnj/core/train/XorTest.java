package dev.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.core.activation.Tanh;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.eval.Evaluation;
import dev.nnj.core.eval.Evaluator;
import dev.nnj.core.init.XavierUniform;
import dev.nnj.core.layer.ActivationLayer;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.loss.SoftmaxCrossEntropy;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.random.Seeds;
import java.util.List;
import org.junit.jupiter.api.Test;

class XorTest {

    @Test
    void learnsXorPerfectly() {
        DenseLayer hidden = new DenseLayer(2, 4);
        DenseLayer out = new DenseLayer(4, 2);
        new XavierUniform().initialize(hidden.weight().value(), 2, 4, Seeds.stream(1, "hidden"));
        new XavierUniform().initialize(out.weight().value(), 4, 2, Seeds.stream(1, "out"));
        Sequential model = Sequential.builder(Shape.of(2)).add(hidden).add(new ActivationLayer(new Tanh())).add(out).build();
        DataSet xor = DataSet.classification("xor", Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
                new int[] {0, 1, 1, 0});
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();

        List<EpochResult> history = new Trainer(model, loss, new PlainSgd(0.5), new TrainingOptions(1000, 4, 1))
                .fit(xor, null);

        Evaluation e = new Evaluator(model, loss, 4).evaluate(xor);
        assertEquals(1.0, e.accuracy());
        assertTrue(e.loss() < 0.05, "loss " + e.loss());
        assertTrue(history.get(999).trainLoss() < history.get(0).trainLoss());
    }
}
