package com.example.digits;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickStartTest {
    @Test
    void buildsTrainsSavesLoadsAndPredictsFromEightThreads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("digits.nnj");
        double accuracy = QuickStart.run(Path.of(System.getProperty("digits")), file);
        assertTrue(Files.size(file) > 0);
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
    }
}
