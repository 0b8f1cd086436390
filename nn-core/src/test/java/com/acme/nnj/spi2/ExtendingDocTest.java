package com.acme.nnj.spi2;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code that docs/extending.md quotes in its Layer SPI 2 walk-through (section 7) is the code of
 * this package, so that the page cannot drift from what compiles and is tested. A line {@code ...}
 * in a quoted block stands for omitted lines: the parts around it are each checked.
 */
class ExtendingDocTest {
    private static final Path DOC = Path.of("..", "docs", "extending.md");
    private static final Path SOURCES = Path.of("src", "test", "java", "com", "acme", "nnj", "spi2");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaBlockOfTheWalkThroughIsQuotedVerbatimFromThisPackage() throws IOException {
        String doc = Files.readString(DOC);
        int from = doc.indexOf("\n## 7. ");
        assertTrue(from >= 0, DOC + " has no section '## 7. '");
        StringBuilder sources = new StringBuilder();
        try (Stream<Path> files = Files.list(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> sources.append(read(f)));
        }
        Matcher block = JAVA_BLOCK.matcher(doc.substring(from));
        int blocks = 0;
        while (block.find()) {
            blocks++;
            for (String part : block.group(1).split("(?m)^ *\\.\\.\\.\n")) {
                assertTrue(sources.indexOf(part) >= 0, DOC + ", section 7, block " + blocks + " quotes code that is "
                        + "not in " + SOURCES + ":\n" + part);
            }
        }
        assertTrue(blocks >= 6, DOC + ", section 7: expected at least 6 quoted Java blocks, found " + blocks + ".");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
