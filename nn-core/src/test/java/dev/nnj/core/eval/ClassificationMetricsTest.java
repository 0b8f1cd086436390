package dev.nnj.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnj.api.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClassificationMetricsTest {
    /**
     * Agreement with scikit-learn 1.2.1 (sklearn/metrics.json, tools/sklearn_metrics.py). Tolerance
     * 1e-12 absolute; the worst difference measured over all cases and values was 1.1e-16
     * (one ulp-scale rounding; log loss and average precision).
     */
    private static final double TOLERANCE = 1e-12;

    static Stream<JsonNode> cases() {
        return SklearnCases.of("classification").stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void matchesScikitLearn(JsonNode c) {
        ClassificationMetrics m = ClassificationMetrics.of(SklearnCases.ints(c.get("labels")),
                SklearnCases.tensor(c.get("probabilities")));
        assertMatches(c, m);
    }

    @Test
    void twoProbabilityColumnsGiveTheSameAsOne() {
        JsonNode c = SklearnCases.of("classification").stream()
                .filter(x -> x.get("case").asText().equals("binary")).findFirst().orElseThrow();
        Tensor one = SklearnCases.tensor(c.get("probabilities"));
        Tensor two = Tensor.zeros(one.rows(), 2);
        for (int i = 0; i < one.rows(); i++) {
            two.set(i, 0, 1 - one.get(i, 0));
            two.set(i, 1, one.get(i, 0));
        }
        assertMatches(c, ClassificationMetrics.of(SklearnCases.ints(c.get("labels")), two));
    }

    @Test
    void classAbsentFromLabelsHasZeroRecallAndSupport() {
        // class 2 never occurs; it is predicted once, so its precision is 0/1 and its recall 0/0 = 0
        Tensor p = Tensor.of(new double[][] {{0.8, 0.1, 0.1}, {0.2, 0.7, 0.1}, {0.1, 0.2, 0.7}, {0.6, 0.3, 0.1}});
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 1, 1, 0}, p);
        ClassMetrics absent = m.perClass().get(2);
        assertEquals(new ClassMetrics(2, 0.0, 0.0, 0.0, 0), absent);
        assertEquals(new ClassMetrics(1, 1.0, 0.5, 2.0 / 3, 2), m.perClass().get(1));
        assertEquals(0.75, m.accuracy());
        assertEquals((1.0 + 1.0 / 2 + 0) / 3, m.macro().recall(), 1e-15);
        assertEquals(0.75, m.weighted().recall(), 1e-15);
        assertTrue(Double.isNaN(m.rocAuc()), "no ROC-AUC for three classes");
        assertTrue(Double.isNaN(m.averagePrecision()), "no average precision for three classes");
    }

    @Test
    void allPredictionsOneClass() {
        Tensor p = Tensor.of(new double[][] {{0.9, 0.1}, {0.7, 0.3}, {0.6, 0.4}, {0.8, 0.2}});
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 1, 1, 0}, p);
        assertEquals(new ClassMetrics(0, 0.5, 1.0, 2.0 / 3, 2), m.perClass().get(0));
        assertEquals(new ClassMetrics(1, 0.0, 0.0, 0.0, 2), m.perClass().get(1));
        assertEquals(1.0, m.rocAuc(), "the scores still rank every positive above every negative");
        assertEquals(1.0, m.averagePrecision());
    }

    @Test
    void rankingMetricsAreNaNWhenOnlyOneClassIsPresent() {
        Tensor p = Tensor.of(new double[][] {{0.9}, {0.2}, {0.6}});
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {1, 1, 1}, p);
        assertTrue(Double.isNaN(m.rocAuc()), "ROC-AUC needs both classes");
        assertTrue(Double.isNaN(m.averagePrecision()), "average precision needs both classes");
        assertEquals(2.0 / 3, m.accuracy());
        ClassificationMetrics negatives = ClassificationMetrics.of(new int[] {0, 0, 0}, p);
        assertTrue(Double.isNaN(negatives.rocAuc()));
        assertTrue(Double.isNaN(negatives.averagePrecision()));
    }

    @Test
    void tiesCountHalf() {
        Tensor p = Tensor.of(new double[][] {{0.5}, {0.5}});
        assertEquals(0.5, ClassificationMetrics.of(new int[] {0, 1}, p).rocAuc());
    }

    @Test
    void rejectsLabelOutsideTheClasses() {
        Tensor p = Tensor.of(new double[][] {{0.5, 0.5}, {0.1, 0.9}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(new int[] {0, 2}, p));
        assertEquals("Label 2 of example 1 is outside the 2 classes [0, 1] of probabilities [2, 2].", e.getMessage());
    }

    @Test
    void rejectsMismatchedCounts() {
        Tensor p = Tensor.of(new double[][] {{0.5, 0.5}, {0.1, 0.9}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(new int[] {0}, p));
        assertEquals("Expected probabilities of shape [1, k] for 1 labels (n >= 1), got [2, 2].", e.getMessage());
    }

    private static void assertMatches(JsonNode c, ClassificationMetrics m) {
        JsonNode x = c.get("expected");
        String name = c.get("case").asText();
        List<ClassMetrics> per = m.perClass();
        assertEquals(x.get("support").size(), per.size(), name);
        for (int k = 0; k < per.size(); k++) {
            close(x.get("precision").get(k), per.get(k).precision(), name + " precision " + k);
            close(x.get("recall").get(k), per.get(k).recall(), name + " recall " + k);
            close(x.get("f1").get(k), per.get(k).f1(), name + " f1 " + k);
            assertEquals(x.get("support").get(k).asInt(), per.get(k).support(), name + " support " + k);
        }
        for (String avg : new String[] {"macro", "weighted"}) {
            AveragedMetrics a = avg.equals("macro") ? m.macro() : m.weighted();
            close(x.get(avg).get("precision"), a.precision(), name + " " + avg + " precision");
            close(x.get(avg).get("recall"), a.recall(), name + " " + avg + " recall");
            close(x.get(avg).get("f1"), a.f1(), name + " " + avg + " f1");
        }
        close(x.get("accuracy"), m.accuracy(), name + " accuracy");
        close(x.get("logLoss"), m.logLoss(), name + " logLoss");
        if (x.has("rocAuc")) {
            close(x.get("rocAuc"), m.rocAuc(), name + " rocAuc");
            close(x.get("averagePrecision"), m.averagePrecision(), name + " averagePrecision");
        } else {
            assertTrue(Double.isNaN(m.rocAuc()), name);
        }
    }

    private static void close(JsonNode expected, double actual, String what) {
        assertEquals(expected.asDouble(), actual, TOLERANCE, what);
    }
}
