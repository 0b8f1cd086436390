package dev.nnj.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void suggestsCloseWordsOnly() {
        List<String> keys = List.of("units", "activation", "weightInit");
        assertEquals(Optional.of("units"), Suggestions.closest("unit", keys));
        assertEquals(Optional.of("activation"), Suggestions.closest("activaton", keys));
        assertEquals(Optional.empty(), Suggestions.closest("dropout", keys));
    }
}
