package dev.nnj.core.random;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Derives independent random streams from one root seed and a purpose string
 * ({@code init:layers.0.weight}, {@code shuffle:epoch:3}), so that adding a layer does not change
 * the data order and nothing depends on a global generator.
 */
public final class Seeds {
    private Seeds() {
    }

    /**
     * Mixes a purpose into a root seed with SplitMix64's finaliser, one character at a time.
     *
     * @param root the model's or the run's seed
     * @param purpose what the numbers are for, e.g. {@code init:layers.0.weight}
     * @return a seed that depends on {@code root} and every character of {@code purpose}
     */
    public static long derive(long root, String purpose) {
        long h = mix(root ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < purpose.length(); i++) {
            h = mix(h ^ purpose.charAt(i));
        }
        return mix(h ^ purpose.length());
    }

    /**
     * A generator of its own for one purpose.
     *
     * @param root the model's or the run's seed
     * @param purpose what the numbers are for, e.g. {@code shuffle:epoch:3}
     * @return a new {@link SplittableRandom} seeded with {@link #derive(long, String)}
     */
    public static RandomGenerator stream(long root, String purpose) {
        return new SplittableRandom(derive(root, purpose));
    }

    /** SplitMix64's finaliser: a bijective mix of 64 bits. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
