package dev.nnj.optim;

import dev.nnj.api.spi.NnExtension;
import dev.nnj.api.spi.OptimizerProvider;
import java.util.List;

/** nnj's optimizers; built against nn-api alone, exactly as a third-party extension would be. */
public final class OptimExtension implements NnExtension {
    @Override
    public List<OptimizerProvider> optimizers() {
        return List.of(SgdProvider.sgd(), SgdProvider.momentum());
    }
}
