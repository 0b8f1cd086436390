package dev.nnj.spark;

import dev.nnj.api.Optimizer;
import java.util.Map;

/** An optimizer's state buffers, flattened in the order {@link Optimizer#state()} lists them. */
final class OptimizerState {
    private OptimizerState() {
    }

    static int size(Optimizer optimizer) {
        int n = 0;
        for (Map<String, double[]> buffers : optimizer.state().values()) {
            for (double[] b : buffers.values()) {
                n += b.length;
            }
        }
        return n;
    }

    /** Copies the state into {@code out} from {@code offset}; @return the number of values */
    static int write(Optimizer optimizer, double[] out, int offset) {
        int at = offset;
        for (Map<String, double[]> buffers : optimizer.state().values()) {
            for (double[] b : buffers.values()) {
                System.arraycopy(b, 0, out, at, b.length);
                at += b.length;
            }
        }
        return at - offset;
    }

    /** Copies values from {@code in} at {@code offset} into the optimizer's live buffers; @return the count */
    static int read(double[] in, int offset, Optimizer optimizer) {
        int at = offset;
        for (Map<String, double[]> buffers : optimizer.state().values()) {
            for (double[] b : buffers.values()) {
                System.arraycopy(in, at, b, 0, b.length);
                at += b.length;
            }
        }
        return at - offset;
    }
}
