package dev.nnj.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParameterTest {

    @Test
    void aFrozenViewSharesTheTensorsAndKeepsTheNameAndTheSavedLayout() {
        Parameter kernel = Parameter.of("weight", ParameterRole.WEIGHT, Tensor.zeros(2, 12), Shape.of(2, 3, 2, 2))
                .withPrefix("layers.0");
        Parameter frozen = kernel.frozen();
        assertTrue(kernel.trainable());
        assertFalse(frozen.trainable());
        assertSame(kernel.value(), frozen.value());
        assertSame(kernel.gradient(), frozen.gradient());
        assertEquals("layers.0.weight", frozen.path());
        assertEquals(ParameterRole.WEIGHT, frozen.role());
        assertEquals(Shape.of(2, 3, 2, 2), frozen.shape());
        assertFalse(frozen.transposed());
        assertTrue(Parameter.transposed("weight", ParameterRole.WEIGHT, Tensor.zeros(3, 2)).frozen().transposed());
        assertFalse(frozen.withPrefix("outer").trainable(), "a prefixed view of a frozen view stays frozen");
        assertSame(frozen, frozen.frozen());
    }
}
