package dev.nnj.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.ModelConfigException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MapConfigTest {

    @Test
    void tracksWhichKeysWereRead() {
        MapConfig c = MapConfig.of("layers[0]", "dense", "units", 10, "unit", 3);
        assertEquals(10, c.requireInt("units"));
        assertEquals(Set.of("unit"), c.unreadKeys());
        assertEquals(Set.of("units"), c.readKeys());
    }

    @Test
    void namesPathKeyAndValueOfAWrongType() {
        MapConfig c = MapConfig.of("layers[2]", "dense", "units", "ten");
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> c.requireInt("units"));
        assertEquals("layers[2].units: expected an integer, got \"ten\".", e.getMessage());
    }

    @Test
    void rejectsAFractionWhereAnIntegerIsExpected() {
        MapConfig c = MapConfig.of("layers[0]", "dense", "units", 2.5);
        assertEquals("layers[0].units: expected an integer, got 2.5.",
                assertThrows(ModelConfigException.class, () -> c.getInt("units", 1)).getMessage());
    }

    @Test
    void readsLongsExactly() {
        MapConfig c = MapConfig.of("", "x", "seed", 9_007_199_254_740_993L, "half", 0.5);
        assertEquals(9_007_199_254_740_993L, c.getLong("seed", 0));
        assertEquals("half: expected a whole number, got 0.5.",
                assertThrows(ModelConfigException.class, () -> c.getLong("half", 0)).getMessage());
    }

    @Test
    void readsABareStringAsAComponentType() {
        MapConfig root = new MapConfig("", Map.of("loss", "mse", "layers", List.of("dense", Map.of("type", "relu"))));
        assertEquals("mse", root.getComponent("loss").orElseThrow().type());
        assertEquals("loss", root.getComponent("loss").orElseThrow().path());
        List<Config> layers = root.getComponentList("layers");
        assertEquals("layers[1]", layers.get(1).path());
        assertEquals("relu", layers.get(1).type());
    }

    @Test
    void rejectsAComponentWithoutType() {
        ModelConfigException e = assertThrows(ModelConfigException.class,
                () -> MapConfig.ofSpec("layers[0]", Map.of("units", 3)));
        assertEquals("layers[0]: a component needs a \"type\" key naming its type id, e.g. {\"type\": \"dense\", ...}; "
                + "got keys [units].", e.getMessage());
    }
}
