package dev.nnj.core.math;

import dev.nnj.api.ExtensionException;

/** Reads the compute backends' whole-number system properties, and reports a bad one, in one way. */
final class WholeNumberProperty {
    private WholeNumberProperty() {
    }

    /**
     * The value of a whole-number system property.
     *
     * @param property the property's name, without {@code -D}
     * @param value its value, or null or blank when it is not set
     * @param min the smallest value allowed
     * @param max the largest value allowed
     * @param unset the value when it is not set
     * @param expected what a valid value is, for the message, e.g. {@code "a whole number >= 1"}
     * @return {@code unset}, or the value (surrounding blanks ignored) when it lies in {@code [min, max]}
     * @throws ExtensionException naming the property and its value otherwise
     */
    static long read(String property, String value, long min, long max, long unset, String expected) {
        if (value == null || value.isBlank()) {
            return unset;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ExtensionException("-D" + property + "=" + value + ": expected " + expected + ".");
    }
}
