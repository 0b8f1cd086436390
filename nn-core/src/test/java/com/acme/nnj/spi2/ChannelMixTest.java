package com.acme.nnj.spi2;

import dev.nnj.api.Kernels;
import dev.nnj.api.Layer;
import dev.nnj.api.Shape;
import dev.nnj.api.testkit.LayerContract;
import java.util.SplittableRandom;

/**
 * The kit on {@link ChannelMix} over images [2, 3, 4]: gradients in training (batch RMS) and
 * inference (running RMS) by central differences at the kit's tolerance 1e-7, allocation, two
 * workspaces alternately, parameters and buffers as the saved state.
 */
class ChannelMixTest extends LayerContract {
    @Override
    protected Shape inputShape() {
        return Shape.of(2, 3, 4);
    }

    @Override
    protected Layer createLayer(Shape input) {
        ChannelMix layer = new ChannelMix(input, 3, 0.1, Kernels.plain());
        SplittableRandom random = new SplittableRandom(5);
        double[] w = layer.weight().value().data();
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextDouble(-1, 1);
        }
        double[] rms = layer.buffers().get(0).value().data();
        for (int c = 0; c < rms.length; c++) {
            rms[c] = random.nextDouble(0.5, 2);
        }
        return layer;
    }
}
