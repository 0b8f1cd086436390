package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The child's standard error passes byte for byte, without the one incubator warning line. */
class IncubatorWarningFilterTest {
    private static final String WARNING = "WARNING: Using incubator modules: jdk.incubator.vector\n";

    private static String filtered(String err) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IncubatorWarningFilter.pump(new ByteArrayInputStream(err.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dropsExactlyTheWarningLine() throws IOException {
        assertEquals("", filtered(WARNING));
        assertEquals("nnj: bad\n", filtered(WARNING + "nnj: bad\n"));
        assertEquals("Picked up X\nnnj: bad\n", filtered("Picked up X\n" + WARNING + "nnj: bad\n"));
    }

    @Test
    void passesProgressBarsCarriageReturnsAndALastLineWithoutNewlineUnchanged() throws IOException {
        String bar = "epoch 1/2   0% [   ] 0/12\repoch 1/2  50% [=> ] 6/12\repoch 1/2 100% [===] 12/12\n";
        assertEquals(bar + "done", filtered(WARNING + bar + "done"));
        assertEquals("\rWARNING: Using incubator modules: jdk.incubator.vector\n",
                filtered("\rWARNING: Using incubator modules: jdk.incubator.vector\n"));
    }

    @Test
    void linesThatOnlyBeginLikeTheWarningPass() throws IOException {
        for (String line : new String[] {"WARNING: Using incubator modules: jdk.incubator.vector, jdk.incubator.foreign\n",
            "WARNING: something else\n", "W\n", "WARNING: Using incubator modules: jdk.incubator.vecto", "WARNING",
            "WARNING: Using incubator modules: jdk.incubator.vector", "\n\n", "WARNING: Using incubator modules:\r\n"}) {
            assertEquals(line, filtered(line), line);
        }
    }

    @Test
    void onlyTheFirstWarningIsDropped() throws IOException {
        assertEquals("a\n" + WARNING, filtered("a\n" + WARNING + WARNING));
        assertEquals(WARNING, filtered(WARNING + WARNING));
    }

    @Test
    void bytesThatAreNotTextPassUnchangedInAnyChunking() throws IOException {
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + (i % 7 == 0 ? '\n' : 0));
        }
        byte[] warning = WARNING.getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[warning.length + bytes.length];
        System.arraycopy(warning, 0, input, 0, warning.length);
        System.arraycopy(bytes, 0, input, warning.length, bytes.length);
        for (int chunk : new int[] {1, 2, 7, 55, 56, 57, 8192}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            IncubatorWarningFilter.pump(chunked(input, chunk), out);
            assertArrayEquals(bytes, out.toByteArray(), "chunks of " + chunk);
        }
    }

    /** @return {@code bytes}, read at most {@code chunk} at a time, as a pipe delivers them */
    private static InputStream chunked(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}
