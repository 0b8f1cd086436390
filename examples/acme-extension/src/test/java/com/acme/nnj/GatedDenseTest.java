package com.acme.nnj;

import dev.nnj.api.Layer;
import dev.nnj.api.Shape;
import dev.nnj.api.testkit.GradientCheck;
import dev.nnj.api.testkit.LayerContract;
import java.util.SplittableRandom;

/** nnj's layer contract (gradients of x, W, b, V and c by central differences, shapes, allocation). */
class GatedDenseTest extends LayerContract {
    @Override
    protected Layer createLayer(Shape input) {
        SplittableRandom random = new SplittableRandom(5);
        GatedDense layer = new GatedDense(input.size(), 4);
        for (var p : layer.parameters()) {
            double[] d = p.value().data();
            double[] r = GradientCheck.randomTensor(p.value().rows(), p.value().cols(), random).data();
            System.arraycopy(r, 0, d, 0, p.value().size());
        }
        return layer;
    }
}
