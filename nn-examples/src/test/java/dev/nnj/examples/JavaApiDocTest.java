package dev.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of docs/java-api.md is code of examples/java-api (which .ci/run compiles and
 * runs), line for line, indentation aside: the page cannot drift from what works.
 */
class JavaApiDocTest {
    private static final Path DOC = Path.of("..", "docs", "java-api.md");
    private static final Path SOURCES = Path.of("..", "examples", "java-api", "src", "main", "java");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

    private static String stripped(String text) {
        return text.lines().map(String::strip).collect(Collectors.joining("\n"));
    }

    @Test
    void everyJavaBlockIsQuotedFromTheExampleProject() throws IOException {
        String sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().map(JavaApiDocTest::read)
                    .map(JavaApiDocTest::stripped).collect(Collectors.joining("\n"));
        }
        Matcher block = JAVA_BLOCK.matcher(Files.readString(DOC));
        int blocks = 0;
        while (block.find()) {
            blocks++;
            String code = stripped(block.group(1)).strip();
            assertTrue(sources.contains(code), DOC + ", Java block " + blocks + " is not code of " + SOURCES + ":\n"
                    + code);
        }
        assertTrue(blocks >= 2, DOC + ": expected the whole task and the fine-tuning blocks, found " + blocks + ".");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
