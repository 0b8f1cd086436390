package dev.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.Parameter;
import dev.nnj.api.Shape;
import dev.nnj.core.TestData;
import dev.nnj.core.activation.Relu;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.init.HeUniform;
import dev.nnj.core.layer.ActivationLayer;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.loss.SoftmaxCrossEntropy;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.random.Seeds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    private static Sequential model() {
        DenseLayer hidden = new DenseLayer(64, 32);
        new HeUniform().initialize(hidden.weight().value(), 64, 32, Seeds.stream(1, "w"));
        DenseLayer out = new DenseLayer(32, 10);
        new HeUniform().initialize(out.weight().value(), 32, 10, Seeds.stream(1, "v"));
        return Sequential.builder(Shape.of(64)).add(hidden).add(new ActivationLayer(new Relu())).add(out).build();
    }

    /** Digits, a high learning rate that makes the validation loss wander: training stops by itself. */
    @Test
    void stopsOnItsOwnAndRestoresTheBestEpochsWeights() {
        DataSet.Split split = TestData.digits().split(360, Seeds.stream(5, "split"));
        DataSet.Split held = split.train().split(144, Seeds.stream(5, "validation"));
        Sequential model = model();
        List<double[][]> weightsPerEpoch = new ArrayList<>();
        List<Double> validationLoss = new ArrayList<>();
        EarlyStopping stopping = new EarlyStopping(model, 3, 0.0, true);
        List<EpochResult> history = new Trainer(model, new SoftmaxCrossEntropy(), new PlainSgd(0.5),
                new TrainingOptions(200, 32, 1))
                .validateOn(held.test())
                .addListener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochResult r) {
                        weightsPerEpoch.add(model.parameters().stream().map(p -> p.value().data().clone())
                                .toArray(double[][]::new));
                        validationLoss.add(r.validation().loss());
                    }
                })
                .addListener(stopping)
                .fit(held.train(), split.test());

        assertTrue(stopping.stoppedEarly(), "ran all 200 epochs");
        assertTrue(history.size() < 200);
        assertEquals(stopping.bestEpoch() + 3, history.size(), "stops after 3 epochs without improvement");
        int best = 0;
        for (int e = 1; e < validationLoss.size(); e++) {
            if (validationLoss.get(e) < validationLoss.get(best)) {
                best = e;
            }
        }
        assertEquals(best + 1, stopping.bestEpoch());
        List<Parameter> params = model.parameters();
        for (int i = 0; i < params.size(); i++) {
            assertArrayEquals(weightsPerEpoch.get(best)[i], params.get(i).value().data(), 0.0, params.get(i).path());
        }
    }

    @Test
    void keepsGoingWhileTheLossImproves() {
        Sequential model = model();
        EarlyStopping stopping = new EarlyStopping(model, 2, 0.0, false);
        for (int e = 1; e <= 5; e++) {
            stopping.onEpochEnd(new EpochResult(e, 1.0 / e, null, 1, 1));
            assertFalse(stopping.shouldStop());
        }
        stopping.onEpochEnd(new EpochResult(6, 0.5, null, 1, 1));
        assertFalse(stopping.shouldStop());
        stopping.onEpochEnd(new EpochResult(7, 0.5, null, 1, 1));
        assertTrue(stopping.shouldStop());
        assertEquals(5, stopping.bestEpoch());
    }
}
