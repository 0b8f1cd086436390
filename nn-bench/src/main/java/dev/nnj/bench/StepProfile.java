package dev.nnj.bench;

import dev.nnj.api.GradientListener;
import dev.nnj.api.Mode;
import dev.nnj.api.Parameter;
import dev.nnj.api.Tensor;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.json.ModelFileReader;
import dev.nnj.core.math.Backends;
import dev.nnj.core.math.Kernels;
import dev.nnj.core.model.Workspace;
import dev.nnj.core.registry.ExtensionDiscovery;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where the time of a training step of the Fashion-MNIST MLP goes: zeroing, forward (the products,
 * and the rest: bias, ReLU), loss, backward (the products, with the optimizer's updates when done in
 * parts, and the rest), and the optimizer step when done whole. Kernel calls are timed through a
 * wrapper, so the figures include a few hundred nanoseconds of timing per call. A diagnostic, not a
 * JMH benchmark: six repetitions of 2,000 steps on one batch, one line each.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.nnj.bench.StepProfile BATCH THREADS parts|whole [BACKEND]}
 * (set {@code OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1} for the native BLAS).
 */
public final class StepProfile {
    private long products;

    private StepProfile() {
    }

    public static void main(String[] args) {
        int batch = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        boolean parts = args[2].equals("parts");
        String backend = args.length > 3 ? args[3] : "blas";
        new StepProfile().run(batch, threads, parts, backend);
    }

    private void run(int batch, int threads, boolean parts, String backend) {
        ClassLoader loader = StepProfile.class.getClassLoader();
        Kernels timed = timed(Backends.choose(backend, loader).create(threads));
        NnRuntime runtime = new NnRuntime(ExtensionDiscovery.discover(List.of(loader)), timed);
        AssembledModel m = runtime.assemble(ModelFileReader.read(Mlp.MODEL, "fashion-mlp").withBatchSize(batch));
        Workspace workspace = m.model().newWorkspace(batch);
        Tensor x = Tensor.zeros(batch, 784);
        Tensor y = Tensor.zeros(batch, 10);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = random.nextDouble() < 0.5 ? 0 : random.nextDouble(); // about half the pixels are 0
        }
        for (int i = 0; i < batch; i++) {
            y.set(i, random.nextInt(10), 1);
        }
        m.optimizer().attach(m.model().parameters());
        GradientListener update = m.optimizer()::update;
        int steps = 2_000;
        for (int rep = 0; rep < 6; rep++) {
            long zero = 0;
            long forward = 0;
            long forwardProducts = 0;
            long loss = 0;
            long backward = 0;
            long backwardProducts = 0;
            long optimizer = 0;
            for (int s = 0; s < steps; s++) {
                long t0 = System.nanoTime();
                m.model().zeroGradients();
                long t1 = System.nanoTime();
                products = 0;
                Tensor out = workspace.forward(x, Mode.TRAIN);
                forwardProducts += products;
                long t2 = System.nanoTime();
                m.loss().compute(out, y, workspace.outputGradient());
                long t3 = System.nanoTime();
                products = 0;
                if (parts) {
                    m.optimizer().beginStep();
                    workspace.backward(update);
                } else {
                    workspace.backward();
                }
                backwardProducts += products;
                long t4 = System.nanoTime();
                if (!parts) {
                    m.optimizer().step();
                }
                long t5 = System.nanoTime();
                zero += t1 - t0;
                forward += t2 - t1;
                loss += t3 - t2;
                backward += t4 - t3;
                optimizer += t5 - t4;
            }
            double us = steps * 1e3;
            System.out.printf("batch %d, %d threads, %s: step %.0f µs | zero %.0f | forward %.0f (products %.0f, rest %.0f)"
                    + " | loss %.0f | backward %.0f (products%s %.0f, rest %.0f) | optimizer step %.0f%n",
                    batch, threads, parts ? "parts" : "whole", (zero + forward + loss + backward + optimizer) / us,
                    zero / us, forward / us, forwardProducts / us, (forward - forwardProducts) / us, loss / us,
                    backward / us, parts ? " and updates" : "", backwardProducts / us,
                    (backward - backwardProducts) / us, optimizer / us);
        }
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
        };
    }
}
