package dev.nnj.core.layer;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.Activation;
import dev.nnj.api.DType;
import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;

/** Applies an {@link Activation} as a layer of its own; no parameters, output shape = input shape. */
public final class ActivationLayer implements Layer {
    private final Activation activation;

    /**
     * A layer that applies {@code activation} to its input.
     *
     * @param activation the function to apply
     * @throws NullPointerException if {@code activation} is null
     */
    public ActivationLayer(Activation activation) {
        this.activation = requireNonNull(activation, "activation is null");
    }

    /**
     * The function this layer applies, e.g. to check the model's last activation.
     *
     * @return the activation given at construction
     */
    public Activation activation() {
        return activation;
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public void forward(Tensor in, Tensor out, Mode mode) {
        activation.forward(in, out);
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn) {
        if (gradIn != null) {
            activation.backward(in, out, gradOut, gradIn);
        }
    }

    /** The element types its activation takes. */
    @Override
    public boolean supports(DType type) {
        return activation.supports(type);
    }

    @Override
    public String toString() {
        return "ActivationLayer[" + activation + "]";
    }
}
