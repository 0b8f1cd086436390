package dev.nnj.core.train;

import static java.util.Objects.requireNonNull;

import dev.nnj.api.GradientListener;
import dev.nnj.api.Loss;
import dev.nnj.api.Mode;
import dev.nnj.api.Optimizer;
import dev.nnj.api.Parameter;
import dev.nnj.api.Tensor;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.model.Workspace;
import java.util.List;

/**
 * One step of mini-batch gradient descent on a model, the only place nnj writes it: zero the
 * gradients, forward ({@link Mode#TRAIN}), loss and dL/dOutput, backward, clip, optimizer step.
 * The parameters are not updated when the loss is not finite. Buffers are allocated once; a step
 * allocates nothing.
 *
 * <p>When the optimizer {@linkplain Optimizer#updatesInParts() updates in parts} and gradients are
 * not clipped (clipping needs every gradient first), {@link #step} updates during the backward
 * pass: each part of a gradient is applied as soon as it is final, on the kernel thread that
 * computed it, while it is still in that core's cache. The result is the same to the bit. The
 * optimizer is asked whether it updates in parts once, when the step is made.
 *
 * <p>The two halves are also available apart, for training where gradients are computed in one
 * place and applied in another (Spark's synchronous mode: {@link #gradients} on the executors,
 * {@link #update} on the driver after the gradients were summed into the parameters).
 *
 * <p>Only the model's {@linkplain Sequential#trainableParameters() trainable parameters} take part:
 * the optimizer is attached to them alone (so a frozen layer's parameters get no update, no weight
 * decay and no optimizer state, whatever the optimizer does with the flag), clipping sees only
 * their gradients (the norm is theirs), and updates during backward are handed only theirs.
 */
public final class TrainingStep {
    /** The phases of a step, in order, as a {@link PhaseListener} hears them end. */
    public enum Phase {
        /** Zeroing the gradients. */
        ZERO,
        /** The forward pass. */
        FORWARD,
        /** The loss and dL/dOutput. */
        LOSS,
        /** The backward pass, with the optimizer's updates when it updates in parts. */
        BACKWARD,
        /** Clipping the gradients; nothing when clipping is off or the update happened during backward. */
        CLIP,
        /** The optimizer step; nothing when the update happened during backward. */
        UPDATE
    }

    /** Hears each phase of a step end, e.g. to time it; called on the step's thread. */
    @FunctionalInterface
    public interface PhaseListener {
        /** Hears nothing. */
        PhaseListener NONE = phase -> { };

        /**
         * Hears that a phase has ended. Must not allocate if the step is to allocate nothing.
         *
         * @param phase the phase just ended
         */
        void phaseEnded(Phase phase);
    }

    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Workspace workspace;
    /** The model's trainable parameters: what the optimizer is attached to and clipping sees. */
    private final List<Parameter> parameters;
    /** Hands final parts of gradients to the optimizer during backward; made once, so a step allocates nothing. */
    private final GradientListener updateInParts;
    /** The optimizer's {@link Optimizer#updatesInParts()}, asked once after attaching. */
    private final boolean optimizerUpdatesInParts;
    private GradientClipping clipping = GradientClipping.NONE;
    private PhaseListener phases = PhaseListener.NONE;
    private boolean updateDuringBackward = true;
    private Tensor output;

    /**
     * Allocates the buffers for batches of up to {@code maxBatch} rows and attaches the optimizer to
     * the model's trainable parameters, so one optimizer serves one step.
     *
     * @param model the model to train; its parameters are updated
     * @param loss the loss to minimise
     * @param optimizer a new optimizer, attached here
     * @param maxBatch the largest batch a step takes, &gt;= 1
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code maxBatch} is below 1
     * @throws IllegalStateException if the optimizer refuses to be attached (e.g. it is already)
     */
    public TrainingStep(Sequential model, Loss loss, Optimizer optimizer, int maxBatch) {
        this(model, loss, optimizer, requireNonNull(model, "model is null").newWorkspace(maxBatch));
    }

    /**
     * As {@link #TrainingStep(Sequential, Loss, Optimizer, int)}, with the workspace's random
     * streams (dropout masks) named by the caller, e.g. one per Spark partition, so that partitions
     * do not draw the same masks.
     *
     * @param model the model to train; its parameters are updated
     * @param loss the loss to minimise
     * @param optimizer a new optimizer, attached here
     * @param maxBatch the largest batch a step takes, &gt;= 1
     * @param stream the name of the workspace's random streams ({@link Sequential#newWorkspace(int, String)})
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code maxBatch} is below 1
     * @throws IllegalStateException if the optimizer refuses to be attached (e.g. it is already)
     */
    public TrainingStep(Sequential model, Loss loss, Optimizer optimizer, int maxBatch, String stream) {
        this(model, loss, optimizer, requireNonNull(model, "model is null").newWorkspace(maxBatch, stream));
    }

    private TrainingStep(Sequential model, Loss loss, Optimizer optimizer, Workspace workspace) {
        this.model = requireNonNull(model, "model is null");
        this.loss = requireNonNull(loss, "loss is null");
        this.optimizer = requireNonNull(optimizer, "optimizer is null");
        this.workspace = workspace;
        this.parameters = model.trainableParameters();
        optimizer.attach(parameters);
        this.updateInParts = optimizer::update;
        this.optimizerUpdatesInParts = optimizer.updatesInParts();
    }

    /**
     * Clips gradients between backward and the optimizer step from now on. Clipping that is not
     * {@link GradientClipping#isOff() off} needs every gradient first, so the optimizer then steps
     * after the backward pass rather than during it.
     *
     * @param newClipping the bounds; {@link GradientClipping#NONE} for none
     * @return this step
     */
    public TrainingStep clipGradients(GradientClipping newClipping) {
        this.clipping = requireNonNull(newClipping, "clipping is null");
        return this;
    }

    /**
     * Whether {@link #step} may update during the backward pass when it can (the optimizer updates in
     * parts and clipping is off); on by default. Off, e.g. to time the optimizer step on its own;
     * the result is the same either way.
     *
     * @param allowed {@code false} to always step the optimizer after the backward pass
     * @return this step
     */
    public TrainingStep updateDuringBackward(boolean allowed) {
        this.updateDuringBackward = allowed;
        return this;
    }

    /**
     * Tells {@code listener} as each phase of a step ends, from now on.
     *
     * @param listener hears the phases; {@link PhaseListener#NONE} for none
     * @return this step
     */
    public TrainingStep onPhase(PhaseListener listener) {
        this.phases = requireNonNull(listener, "listener is null");
        return this;
    }

    /**
     * One training step on a batch: zero gradients, forward, loss, backward, clip, optimizer step.
     * When the loss is not finite, nothing after the loss is done and the parameters are not updated.
     *
     * @param x [batch, inputs] with batch &lt;= the step's largest; not modified
     * @param y [batch, outputs] targets; not modified
     * @return the batch's loss
     * @throws dev.nnj.api.ShapeMismatchException if {@code x} does not fit the model or the step
     */
    public double step(Tensor x, Tensor y) {
        double batchLoss = forwardAndLoss(x, y);
        if (!Double.isFinite(batchLoss)) {
            return batchLoss;
        }
        if (updateDuringBackward && clipping.isOff() && optimizerUpdatesInParts) {
            // Each part of a gradient is applied as soon as it is final, by the thread that computed it.
            optimizer.beginStep();
            workspace.backward(updateInParts);
            phases.phaseEnded(Phase.BACKWARD);
            phases.phaseEnded(Phase.CLIP);
            phases.phaseEnded(Phase.UPDATE);
            return batchLoss;
        }
        workspace.backward();
        phases.phaseEnded(Phase.BACKWARD);
        update();
        return batchLoss;
    }

    /**
     * The first half of a step: zero gradients, forward, loss, backward; the parameters are not
     * updated. When the loss is not finite there is no backward pass and the gradients stay zero.
     *
     * @param x [batch, inputs] with batch &lt;= the step's largest; not modified
     * @param y [batch, outputs] targets; not modified
     * @return the batch's loss; the gradients of the model's parameters hold dLoss/dParameter
     * @throws dev.nnj.api.ShapeMismatchException if {@code x} does not fit the model or the step
     */
    public double gradients(Tensor x, Tensor y) {
        double batchLoss = forwardAndLoss(x, y);
        if (Double.isFinite(batchLoss)) {
            workspace.backward();
            phases.phaseEnded(Phase.BACKWARD);
        }
        return batchLoss;
    }

    /**
     * The second half of a step: clips the gradients the model's trainable parameters hold (e.g.
     * from {@link #gradients}, or summed from elsewhere) and steps the optimizer; a frozen
     * parameter's gradient is neither read nor changed.
     */
    public void update() {
        if (!clipping.isOff()) {
            clipping.apply(parameters);
        }
        phases.phaseEnded(Phase.CLIP);
        optimizer.step();
        phases.phaseEnded(Phase.UPDATE);
    }

    /**
     * The model's output of the last step's forward pass, e.g. to count correct predictions.
     *
     * @return [batch, outputs], owned by this step and overwritten by the next; {@code null} before
     *     the first step
     */
    public Tensor output() {
        return output;
    }

    /**
     * The buffers of the step's passes, e.g. to find where a non-finite value appeared
     * ({@link Workspace#firstNonFiniteOutput()}).
     *
     * @return the workspace this step runs in; owned by this step
     */
    public Workspace workspace() {
        return workspace;
    }

    private double forwardAndLoss(Tensor x, Tensor y) {
        model.zeroGradients();
        phases.phaseEnded(Phase.ZERO);
        output = workspace.forward(x, Mode.TRAIN);
        phases.phaseEnded(Phase.FORWARD);
        double batchLoss = loss.compute(output, y, workspace.outputGradient());
        phases.phaseEnded(Phase.LOSS);
        return batchLoss;
    }
}
