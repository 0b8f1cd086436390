package dev.nnj.bench;

import dev.nnj.api.GradientListener;
import dev.nnj.api.Parameter;
import dev.nnj.api.Tensor;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.data.IdxReader;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.math.Backends;
import dev.nnj.core.math.Kernels;
import dev.nnj.core.registry.ExtensionDiscovery;
import dev.nnj.core.train.TrainingStep;
import dev.nnj.core.train.TrainingStep.Phase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Where the time of a training step of the Fashion-MNIST MLP goes: zeroing, forward (the products,
 * and the rest: bias, ReLU), loss, backward (the products, with the optimizer's updates when done in
 * parts, and the rest), and the optimizer step (with clipping) when done whole. The step is nnj's
 * own {@link TrainingStep}, timed through its phase listener; kernel calls are timed through a
 * wrapper, so the figures include a few hundred nanoseconds of timing per call. A diagnostic, not a
 * JMH benchmark: six repetitions of 2,000 steps, one line each. With FASHION_DIR the steps go through
 * Fashion-MNIST's training set in order, batch after batch, as training does; without it they
 * repeat one batch of random pixels, which the model soon fits, so that its gradients, and then its
 * momentum, shrink into the subnormal range, where arithmetic is slow on x86: give the data.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.nnj.bench.StepProfile BATCH THREADS parts|whole [BACKEND [FASHION_DIR]]}
 * (set {@code OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1} for the native BLAS).
 */
public final class StepProfile {
    /** Nanoseconds in kernel products since the last phase ended. */
    private long products;
    /** When the last phase ended (or the step began). */
    private long phaseStart;
    /** Per {@link Phase}, nanoseconds this repetition. */
    private final long[] phaseNanos = new long[Phase.values().length];
    private long forwardProducts;
    private long backwardProducts;

    private StepProfile() {
    }

    public static void main(String[] args) throws IOException {
        int batch = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        boolean parts = args[2].equals("parts");
        String backend = args.length > 3 ? args[3] : "blas";
        DataSet data = null;
        if (args.length > 4) {
            Path dir = Path.of(args[4]);
            data = IdxReader.read(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
        }
        new StepProfile().run(batch, threads, parts, backend, data);
    }

    private void run(int batch, int threads, boolean parts, String backend, DataSet data) {
        ClassLoader loader = StepProfile.class.getClassLoader();
        Kernels timed = timed(Backends.choose(backend, loader).create(threads));
        NnRuntime runtime = new NnRuntime(ExtensionDiscovery.discover(List.of(loader)), timed);
        AssembledModel m = runtime.assemble(ModelFileReader.read(Mlp.MODEL, "fashion-mlp").withBatchSize(batch)
                .withDtype(Mlp.dtype()));
        Tensor x = Tensor.zeros(batch, 784);
        Tensor y = Tensor.zeros(batch, 10);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = random.nextDouble() < 0.5 ? 0 : random.nextDouble(); // about half the pixels are 0
        }
        for (int i = 0; i < batch; i++) {
            y.set(i, random.nextInt(10), 1);
        }
        int[] order = data == null ? null : IntStream.range(0, data.size()).toArray();
        int examples = data == null ? 0 : data.size() / batch * batch;
        TrainingStep step = m.trainingStep().updateDuringBackward(parts).onPhase(this::phaseEnded);
        int steps = 2_000;
        for (int rep = 0; rep < 6; rep++) {
            Arrays.fill(phaseNanos, 0);
            forwardProducts = 0;
            backwardProducts = 0;
            for (int s = 0; s < steps; s++) {
                if (data != null) {
                    data.gather(order, (rep * steps + s) * batch % examples, batch, x, y);
                }
                products = 0;
                phaseStart = System.nanoTime();
                step.step(x, y);
            }
            long zero = phaseNanos[Phase.ZERO.ordinal()];
            long forward = phaseNanos[Phase.FORWARD.ordinal()];
            long loss = phaseNanos[Phase.LOSS.ordinal()];
            long backward = phaseNanos[Phase.BACKWARD.ordinal()];
            long optimizer = phaseNanos[Phase.CLIP.ordinal()] + phaseNanos[Phase.UPDATE.ordinal()];
            double us = steps * 1e3;
            System.out.printf("batch %d, %d threads, %s: step %.0f µs | zero %.0f | forward %.0f (products %.0f, rest %.0f)"
                    + " | loss %.0f | backward %.0f (products%s %.0f, rest %.0f) | optimizer step %.0f%n",
                    batch, threads, parts ? "parts" : "whole", (zero + forward + loss + backward + optimizer) / us,
                    zero / us, forward / us, forwardProducts / us, (forward - forwardProducts) / us, loss / us,
                    backward / us, parts ? " and updates" : "", backwardProducts / us,
                    (backward - backwardProducts) / us, optimizer / us);
        }
    }

    /** Adds the time since the last phase ended to {@code phase}'s, and the products' to its pass's. */
    private void phaseEnded(Phase phase) {
        long now = System.nanoTime();
        phaseNanos[phase.ordinal()] += now - phaseStart;
        if (phase == Phase.FORWARD) {
            forwardProducts += products;
        } else if (phase == Phase.BACKWARD) {
            backwardProducts += products;
        }
        products = 0;
        phaseStart = now;
    }

    /** The kernels, adding the time of every product to {@link #products}. */
    private Kernels timed(Kernels kernels) {
        return new Kernels() {
            @Override
            public void mult(Tensor a, Tensor b, Tensor c) {
                long t = System.nanoTime();
                kernels.mult(a, b, c);
                products += System.nanoTime() - t;
            }

            @Override
            public void multAddTransA(Tensor a, Tensor b, Tensor c) {
                long t = System.nanoTime();
                kernels.multAddTransA(a, b, c);
                products += System.nanoTime() - t;
            }

            @Override
            public void multAddTransA(Tensor a, Tensor b, Parameter target, GradientListener ready) {
                long t = System.nanoTime();
                kernels.multAddTransA(a, b, target, ready);
                products += System.nanoTime() - t;
            }

            @Override
            public void multTransB(Tensor a, Tensor b, Tensor c) {
                long t = System.nanoTime();
                kernels.multTransB(a, b, c);
                products += System.nanoTime() - t;
            }

            @Override
            public void addRowVector(Tensor c, Tensor v) {
                kernels.addRowVector(c, v);
            }

            @Override
            public void addColumnSums(Tensor a, Tensor s) {
                kernels.addColumnSums(a, s);
            }

            @Override
            public int threads() {
                return kernels.threads();
            }

            @Override
            public boolean supports(dev.nnj.api.DType type) {
                return kernels.supports(type);
            }
        };
    }
}
