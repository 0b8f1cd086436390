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

    /** @return a seed that depends on {@code root} and every character of {@code purpose} */
    public static long derive(long root, String purpose) {
        long h = mix(root ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < purpose.length(); i++) {
            h = mix(h ^ purpose.charAt(i));
        }
        return mix(h ^ purpose.length());
    }

    /** @return a generator for {@link #derive(long, String)} */
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
