package dev.nnj.core.layer;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.DType;
import dev.nnj.api.GradientListener;
import dev.nnj.api.Layer;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.ParameterRole;
import dev.nnj.api.Shape;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Tensor;
import dev.nnj.core.math.Kernels;
import java.util.List;

/**
 * A fully connected layer: Y = X·W + b.
 *
 * <ul>
 *   <li>forward: Y = X·W + 1·b, with X [batch, in], W [in, out], b [1, out], Y [batch, out];
 *   <li>backward: dX = dY·Wᵀ, dW += Xᵀ·dY, db += Σ_rows dY.
 * </ul>
 *
 * The activation is a separate {@link ActivationLayer}; a model file's {@code "activation"} key on
 * a dense layer adds one after it.
 */
public final class DenseLayer implements Layer {
    private final int inputs;
    private final int units;
    private final Parameter weight;
    private final Parameter bias;
    private final Kernels kernels;

    /**
     * A layer with zero weights and biases, computing with the EJML reference kernels; fill them
     * through {@link #weight()} and {@link #bias()}.
     *
     * @param inputs values per input example, &gt;= 1
     * @param units values per output example, &gt;= 1
     * @throws IllegalArgumentException if {@code inputs} or {@code units} is below 1
     */
    public DenseLayer(int inputs, int units) {
        this(inputs, units, Kernels.defaultKernels());
    }

    /**
     * A layer with zero weights and biases, computing with the given backend; fill them through
     * {@link #weight()} and {@link #bias()}.
     *
     * @param inputs values per input example, &gt;= 1
     * @param units values per output example, &gt;= 1
     * @param kernels the matrix products to use, e.g. from {@code BuildContext.service(Kernels.class)}
     * @throws IllegalArgumentException if {@code inputs} or {@code units} is below 1
     * @throws NullPointerException if {@code kernels} is null
     */
    public DenseLayer(int inputs, int units, Kernels kernels) {
        this(inputs, units, kernels, DType.F64);
    }

    /**
     * A dense layer of zeros whose parameters and passes are of an element type.
     *
     * @param inputs features per input example, at least 1
     * @param units features per output example, at least 1
     * @param kernels the products it computes with; for {@link DType#F32} they must support it
     * @param dtype {@link DType#F64} or {@link DType#F32}
     * @throws IllegalArgumentException if {@code inputs} or {@code units} is below 1, or
     *     {@code kernels} cannot compute in {@code dtype}
     */
    public DenseLayer(int inputs, int units, Kernels kernels, DType dtype) {
        if (inputs < 1 || units < 1) {
            throw new IllegalArgumentException(
                    "A dense layer needs inputs >= 1 and units >= 1; got inputs " + inputs + ", units " + units + ".");
        }
        this.inputs = inputs;
        this.units = units;
        this.kernels = requireNonNull(kernels, "kernels is null");
        if (!kernels.supports(dtype)) {
            throw new IllegalArgumentException("The kernels " + kernels.description() + " do not compute in " + dtype
                    + "; choose another backend or dtype.");
        }
        this.weight = Parameter.transposed("weight", ParameterRole.WEIGHT, Tensor.zeros(inputs, units, dtype));
        this.bias = Parameter.of("bias", ParameterRole.BIAS, Tensor.zeros(1, units, dtype), Shape.of(units));
    }

    /**
     * The width of an input example.
     *
     * @return the number of input values, the rows of W
     */
    public int inputs() {
        return inputs;
    }

    /**
     * The width of an output example.
     *
     * @return the number of output values, the columns of W
     */
    public int units() {
        return units;
    }

    /**
     * The weight matrix, to initialise or inspect it.
     *
     * @return W, [in, out], named {@code weight}; saved as {@code nn.Linear}'s [out, in]
     */
    public Parameter weight() {
        return weight;
    }

    /**
     * The bias row, to initialise or inspect it.
     *
     * @return b, [1, out], named {@code bias}; saved as [out]
     */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.size() != inputs) {
            throw new ShapeMismatchException("input has " + input.size() + " features " + input
                    + "; expected " + inputs + ".");
        }
        return Shape.of(units);
    }

    @Override
    public void forward(Tensor in, Tensor out, Mode mode) {
        if (in.cols() != inputs) {
            throw new ShapeMismatchException("input has " + in.cols() + " features; expected [*, " + inputs
                    + "], got " + in.shapeString() + ".");
        }
        kernels.mult(in, weight.value(), out);
        kernels.addRowVector(out, bias.value());
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn) {
        backward(in, out, gradOut, gradIn, GradientListener.NONE);
    }

    /**
     * dX first, while W is unchanged; then dW, whose parts go to {@code ready} as the kernels finish
     * them; then db.
     */
    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, GradientListener ready) {
        if (gradIn != null) {
            kernels.multTransB(gradOut, weight.value(), gradIn);
        }
        kernels.multAddTransA(in, gradOut, weight, ready);
        kernels.addColumnSums(gradOut, bias.gradient());
        ready.gradientReady(bias, 0, bias.value().size());
    }

    /** The element type it was built in ({@link #DenseLayer(int, int, Kernels, DType)}). */
    @Override
    public boolean supports(DType type) {
        return type == weight.value().dtype();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public String toString() {
        return "DenseLayer[" + inputs + " -> " + units + "]";
    }
}
