package dev.nnj.core.build;

import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.spi.BuildContext;
import dev.nnj.api.spi.Config;
import dev.nnj.api.spi.NnExtension;
import dev.nnj.api.spi.OptimizerProvider;
import java.util.List;

/** A do-nothing 'sgd' for assembling models in nn-core's tests, which do not see nn-optim. */
public final class TestOptimizerExtension implements NnExtension {
    @Override
    public List<OptimizerProvider> optimizers() {
        return List.of(new OptimizerProvider() {
            @Override
            public String type() {
                return "sgd";
            }

            @Override
            public Optimizer create(Config config, BuildContext context) {
                double lr = config.getDouble("learningRate", 0.01);
                return new Optimizer() {
                    private double learningRate = lr;

                    @Override
                    public void attach(List<Parameter> parameters) {
                    }

                    @Override
                    public void step() {
                    }

                    @Override
                    public double learningRate() {
                        return learningRate;
                    }

                    @Override
                    public void setLearningRate(double value) {
                        learningRate = value;
                    }
                };
            }
        });
    }
}
