package dev.nnj.core.layer;

import dev.nnj.api.spi.Config;
import java.util.Optional;

/**
 * Reads the window keys of {@code conv2d} and the pooling layers, each an integer (the same for
 * height and width) or a list [height, width].
 */
final class WindowKeys {
    private WindowKeys() {
    }

    /**
     * The window of {@code conv2d}: {@code kernel} (required), {@code stride} (default 1),
     * {@code padding} (default 0).
     */
    static Window2d convolution(Config config) {
        int[] kernel = pair(config, "kernel", 1, null);
        return Window2d.of(kernel, pair(config, "stride", 1, new int[] {1, 1}), pair(config, "padding", 0,
                new int[] {0, 0}));
    }

    /**
     * The window of a pooling: {@code size} (required), {@code stride} (default: the size),
     * {@code padding} (default 0; at most half the size, as PyTorch requires).
     */
    static Window2d pooling(Config config) {
        int[] size = pair(config, "size", 1, null);
        int[] stride = pair(config, "stride", 1, size);
        int[] padding = pair(config, "padding", 0, new int[] {0, 0});
        if (padding[0] > size[0] / 2 || padding[1] > size[1] / 2) {
            throw config.invalid("padding", "at most half the size [" + size[0] + ", " + size[1] + "] (PyTorch's "
                    + "rule), here at most [" + size[0] / 2 + ", " + size[1] / 2 + "]");
        }
        return Window2d.of(size, stride, padding);
    }

    /**
     * Reads an integer or a list [height, width] of integers of at least {@code min}.
     *
     * @param defaultValue returned when the key is absent; {@code null} for a required key
     * @return [height, width]
     */
    private static int[] pair(Config config, String key, int min, int[] defaultValue) {
        String expected = "an integer >= " + min + " or a list [height, width] of them";
        Optional<int[]> read = config.getIntArray(key);
        if (read.isEmpty()) {
            if (defaultValue == null) {
                throw config.invalid(key, expected);
            }
            return defaultValue;
        }
        int[] v = read.get();
        int[] hw = v.length == 1 ? new int[] {v[0], v[0]} : v;
        if (hw.length != 2 || hw[0] < min || hw[1] < min) {
            throw config.invalid(key, expected);
        }
        return hw;
    }
}
