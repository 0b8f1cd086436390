package dev.nnj.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.ModelConfigException;
import dev.nnj.api.spi.MapConfig;
import dev.nnj.api.spi.NnExtension;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SgdProviderTest {

    @Test
    void momentumDefaultsToPointNineAndSgdToZero() {
        Sgd momentum = (Sgd) SgdProvider.momentum().create(MapConfig.of("optimizer", "momentum", "learningRate", 0.05), null);
        assertEquals(0.9, momentum.momentum());
        assertEquals(0.05, momentum.learningRate());
        Sgd sgd = (Sgd) SgdProvider.sgd().create(MapConfig.of("optimizer", "sgd"), null);
        assertEquals(0.0, sgd.momentum());
        assertEquals(SgdProvider.DEFAULT_LEARNING_RATE, sgd.learningRate());
        assertFalse(sgd.nesterov());
    }

    @Test
    void readsEveryOption() {
        MapConfig config = MapConfig.of("optimizer", "momentum", "learningRate", 0.1, "momentum", 0.8,
                "nesterov", true, "weightDecay", 1e-4);
        Sgd sgd = (Sgd) SgdProvider.momentum().create(config, null);
        assertTrue(sgd.nesterov());
        assertEquals(1e-4, sgd.weightDecay());
        assertEquals(0.8, sgd.momentum());
        assertTrue(config.unreadKeys().isEmpty());
    }

    @Test
    void namesTheKeyAndRangeOfABadValue() {
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> SgdProvider.momentum()
                .create(MapConfig.of("optimizer", "momentum", "learningRate", -0.1), null));
        assertEquals("optimizer.learningRate: expected a number > 0, got -0.1.", e.getMessage());
        e = assertThrows(ModelConfigException.class, () -> SgdProvider.sgd()
                .create(MapConfig.of("optimizer", "sgd", "nesterov", true), null));
        assertEquals("optimizer.nesterov: expected false when momentum is 0 (Nesterov needs momentum > 0), got true.",
                e.getMessage());
    }

    @Test
    void isFoundThroughServiceLoader() {
        List<String> found = ServiceLoader.load(NnExtension.class).stream()
                .map(p -> p.type().getName()).toList();
        assertTrue(found.contains(OptimExtension.class.getName()), found.toString());
        List<String> ids = new OptimExtension().optimizers().stream().map(p -> p.type()).toList();
        assertEquals(List.of("sgd", "momentum"), ids.subList(0, 2));
    }
}
