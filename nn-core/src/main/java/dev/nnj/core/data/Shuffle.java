package dev.nnj.core.data;

import java.util.random.RandomGenerator;

/** Fisher-Yates shuffles, so that orders depend on the seed alone. */
public final class Shuffle {
    private Shuffle() {
    }

    /**
     * A new order of {@code n} examples.
     *
     * @param n the number of indices, &gt;= 0
     * @param random the source of the shuffle; the same seed gives the same permutation
     * @return a random permutation of 0..n-1
     */
    public static int[] permutation(int n, RandomGenerator random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        return order;
    }

    /**
     * Shuffles {@code order} in place; allocates nothing, so a trainer can reshuffle every epoch.
     *
     * @param order the indices to shuffle; modified
     * @param random the source of the shuffle; the same seed and input give the same result
     */
    public static void shuffle(int[] order, RandomGenerator random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }
}
