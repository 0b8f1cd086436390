package dev.nnj.api.spi;

import dev.nnj.api.Optimizer;
import dev.nnj.api.Spi;

/** Creates {@link Optimizer}s; listed by {@link NnExtension#optimizers()}. */
@Spi
public interface OptimizerProvider extends ComponentProvider<Optimizer> {
}
