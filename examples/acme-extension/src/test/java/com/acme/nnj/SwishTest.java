package com.acme.nnj;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.api.Activation;
import dev.nnj.api.Tensor;
import dev.nnj.api.testkit.ActivationContract;
import org.junit.jupiter.api.Test;

/** nnj's activation contract (gradient check 1e-7, no allocation) on swish with β = 1.7. */
class SwishTest extends ActivationContract {
    @Override
    protected Activation createActivation() {
        return new Swish(1.7);
    }

    @Test
    void isSiluForBetaOne() {
        Tensor a = Tensor.zeros(1, 2);
        new Swish(1).forward(Tensor.of(new double[][] {{2, -1}}), a);
        assertEquals(2 / (1 + Math.exp(-2)), a.get(0, 0), 1e-15);
        assertEquals(-1 / (1 + Math.exp(1)), a.get(0, 1), 1e-15);
    }
}
