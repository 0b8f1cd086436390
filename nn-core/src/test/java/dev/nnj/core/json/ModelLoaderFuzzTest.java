package dev.nnj.core.json;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nnj.api.NnException;
import dev.nnj.core.CoreExtension;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.ModelAssembler;
import dev.nnj.core.build.TestOptimizerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random, truncated and bit-flipped files fed to the model loader and the safetensors reader: every
 * failure must be an {@link NnException} with a message; no library exception, no OutOfMemoryError.
 * 1,500 inputs with a fixed seed.
 */
class ModelLoaderFuzzTest {
    @TempDir
    Path dir;

    private final ModelAssembler assembler = NnRuntime.of(new CoreExtension(), new TestOptimizerExtension()).assembler();

    @Test
    void everyFailureIsAnNnExceptionWithAMessage() throws IOException {
        SplittableRandom random = new SplittableRandom(2026);
        Path valid = dir.resolve("valid.nnj");
        ModelArchive.save(valid, ModelFileReader.read(ModelArchiveTest.MODEL, "m.json"),
                assembler.assemble(ModelFileReader.read(ModelArchiveTest.MODEL, "m.json")).model());
        byte[] good = Files.readAllBytes(valid);
        byte[] goodWeights = ModelArchiveTest.entryBytes(valid, ModelArchive.WEIGHTS_ENTRY);
        Path file = dir.resolve("fuzz.nnj");
        for (int i = 0; i < 1_500; i++) {
            byte[] bytes = switch (i % 3) {
                case 0 -> randomBytes(random, random.nextInt(1, 2_000));
                case 1 -> java.util.Arrays.copyOf(good, random.nextInt(good.length));
                default -> flip(good, random);
            };
            Files.write(file, bytes);
            check(() -> ModelArchive.load(file, assembler), "case " + i);
            byte[] weights = i % 2 == 0 ? flip(goodWeights, random) : java.util.Arrays.copyOf(goodWeights,
                    random.nextInt(goodWeights.length));
            check(() -> Safetensors.read(weights, "w"), "safetensors case " + i);
        }
    }

    private static void check(Runnable load, String what) {
        try {
            load.run();
        } catch (NnException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), what + ": an NnException without a message");
        } catch (Throwable t) {
            fail(what + ": " + t.getClass().getName() + " escaped: " + t.getMessage(), t);
        }
    }

    private static byte[] randomBytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] flip(byte[] good, SplittableRandom random) {
        byte[] b = good.clone();
        for (int k = random.nextInt(1, 6); k > 0; k--) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }
}
