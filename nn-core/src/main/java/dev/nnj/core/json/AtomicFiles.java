package dev.nnj.core.json;

import dev.nnj.api.NnException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Writes a file so that readers see either the old or the whole new content: a temporary file in
 * the same directory, flushed to disk, renamed over the target (atomic on POSIX file systems),
 * then the directory flushed. A failure or crash leaves the target as it was.
 */
public final class AtomicFiles {
    /** Writes the content to a stream; may throw. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the whole content.
         *
         * @param out the stream to the temporary file, buffered; the writer may close it (closing
         *     only flushes)
         * @throws IOException if writing fails; the target is then left unchanged
         */
        void write(OutputStream out) throws IOException;
    }

    /** A temporary file is named "." + the target's name + random digits (Files.createTempFile's) + this. */
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /**
     * Deletes the temporary files that writes to targets of these names left in {@code dir} when
     * their process was killed ({@code .last.nnj4711.tmp} for {@code last.nnj}): a crash leaves the
     * target as it was, but not its partial temporary. For a directory whose writer is starting:
     * the temporary of a write under way (another process writing to the same targets) would go too.
     *
     * @param dir the directory; nothing happens if it does not exist
     * @param targets whether a file name (without directory) is one of the writer's targets
     * @return how many temporaries were deleted
     * @throws NnException naming {@code dir} if it cannot be listed or a temporary cannot be deleted
     */
    public static int deleteStaleTemporaries(Path dir, Predicate<String> targets) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(TEMPORARY_SUFFIX)) {
                    String target = name.substring(1, name.length() - TEMPORARY_SUFFIX.length());
                    int end = target.length();
                    while (end > 0 && Character.isDigit(target.charAt(end - 1))) {
                        end--;
                    }
                    if (end < target.length() && targets.test(target.substring(0, end)) && Files.deleteIfExists(file)) {
                        deleted++;
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new NnException("Cannot remove the temporary files of interrupted writes in " + dir + ": "
                    + e.getMessage(), e);
        }
        return deleted;
    }

    /**
     * Writes {@code target} atomically, creating its directory if needed. The new file is readable
     * by all (rw-r--r--) on POSIX file systems.
     *
     * @param target the file to create or replace
     * @param writer writes the content; called once
     * @throws NnException naming {@code target} if anything fails; the target is then unchanged
     */
    public static void write(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), TEMPORARY_SUFFIX);
            readableByAll(tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                writer.write(new NonClosing(out));
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // Not every file system lets a directory be flushed; the rename is done either way.
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof NnException nn) {
                throw nn;
            }
            throw new NnException("Cannot write " + target + ": " + e.getMessage()
                    + (tmp == null ? "" : " (the previous file, if any, is unchanged)"), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stray temporary file is harmless
                }
            }
        }
    }

    /** Temporary files start as owner-only; a saved model is an ordinary file (umask aside). */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults apply
        }
    }

    /** Lets a writer close its stream (as ZipOutputStream does) without closing the channel early. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
