package dev.nnj.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard error without the line {@code WARNING: Using incubator modules: jdk.incubator.vector},
 * which the JVM prints at start with {@code --add-modules jdk.incubator.vector} and JDK 17 has no
 * flag to silence. Every other byte passes unchanged and at once: only a line that begins like the
 * warning is held, until it either is the warning (dropped, and everything after it passes) or is
 * not (passed on). Carriage returns are bytes like others, so progress bars still redraw in place.
 */
final class IncubatorWarningFilter extends OutputStream {
    /** The line dropped, with its newline. */
    static final String WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";
    private static final byte[] LINE = (WARNING + "\n").getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    /** Bytes of {@link #LINE} matched so far at the start of this line; -1 when this line is not it. */
    private int matched;
    private boolean dropped;

    /** @param out where the rest goes; flushed with this, closed with this */
    IncubatorWarningFilter(OutputStream out) {
        this.out = out;
    }

    /**
     * Copies {@code in} to {@code out} without the warning, flushing after every read so that partial
     * lines show at once, until {@code in} ends; then flushes what it held.
     *
     * @param in the child's standard error
     * @param out ours; not closed
     * @throws IOException if {@code in} cannot be read
     */
    static void pump(InputStream in, OutputStream out) throws IOException {
        IncubatorWarningFilter filter = new IncubatorWarningFilter(out);
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            filter.write(buffer, 0, n);
            filter.flush();
        }
        filter.release();
        out.flush();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (dropped) {
            out.write(b, off, len);
            return;
        }
        int start = off; // the run of bytes passed through since then
        for (int i = off; i < off + len; i++) {
            if (matched >= 0) {
                if (b[i] == LINE[matched]) {
                    if (++matched == LINE.length) {
                        dropped = true;
                        matched = -1;
                        out.write(b, i + 1, off + len - i - 1);
                        return;
                    }
                    start = i + 1;
                    continue;
                }
                out.write(LINE, 0, matched); // held, and not the warning after all
                matched = -1;
                start = i;
            }
            if (b[i] == '\n') {
                out.write(b, start, i + 1 - start);
                start = i + 1;
                matched = 0;
            }
        }
        out.write(b, start, off + len - start);
    }

    /** Passes on the start of a line held because it began like the warning (a last line without newline). */
    void release() throws IOException {
        if (matched > 0) {
            out.write(LINE, 0, matched);
        }
        matched = -1;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        release();
        out.close();
    }
}
