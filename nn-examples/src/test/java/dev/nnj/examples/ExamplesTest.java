package dev.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.eval.Evaluation;
import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ExamplesTest {

    @Test
    void sineWaveFallsBelowPointZeroFiveWithinAThousandEpochs() {
        double[] losses = SineWaveExample.run(SineWaveExample.SEED, 1_000, 3, new PrintStream(OutputStream.nullOutputStream()));
        int firstBelow = -1;
        for (int i = 0; i < losses.length && firstBelow < 0; i++) {
            firstBelow = losses[i] < 0.05 ? i + 1 : -1;
        }
        assertTrue(firstBelow > 0, "MSE never fell below 0.05; last " + losses[losses.length - 1]);
        assertTrue(losses[999] < 0.05, "final MSE " + losses[999]);
    }

    @Test
    void programmaticExampleLearnsDigits() {
        Evaluation e = ProgrammaticExample.run(42);
        assertTrue(e.accuracy() >= 0.95, "accuracy " + e.accuracy());
    }

    @Test
    void guiceExampleLearnsDigits() {
        Evaluation e = GuiceExample.run();
        assertTrue(e.accuracy() >= 0.95, "accuracy " + e.accuracy());
    }
}
