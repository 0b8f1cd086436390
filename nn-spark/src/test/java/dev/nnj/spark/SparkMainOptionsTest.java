package dev.nnj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point's options that are checked before Spark starts. */
class SparkMainOptionsTest {

    @Test
    void dropLastTakesTrueOrFalse(@TempDir Path dir) throws Exception {
        Path model = Files.writeString(dir.resolve("m.json"), SparkTrainerTest.MODEL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkMain.run(new String[] {
            "--model", model.toString(), "--data", "csv:none.csv", "--drop-last", "yes"},
                new PrintStream(new ByteArrayOutputStream())));
        assertEquals("--drop-last: expected true or false; got 'yes'.", e.getMessage());
    }
}
