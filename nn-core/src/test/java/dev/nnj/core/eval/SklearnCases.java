package dev.nnj.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nnj.api.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The cases of sklearn/metrics.json, written by tools/sklearn_metrics.py. */
final class SklearnCases {
    private SklearnCases() {
    }

    static List<JsonNode> of(String kind) {
        try (InputStream in = SklearnCases.class.getResourceAsStream("/sklearn/metrics.json")) {
            List<JsonNode> cases = new ArrayList<>();
            for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) {
                if (c.get("kind").asText().equals(kind)) {
                    cases.add(c);
                }
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of numbers, or a flat list of numbers read as one column. */
    static Tensor tensor(JsonNode rows) {
        int n = rows.size();
        int m = rows.get(0).isArray() ? rows.get(0).size() : 1;
        Tensor t = Tensor.zeros(n, m);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                t.set(i, j, m == 1 && !rows.get(i).isArray() ? rows.get(i).asDouble() : rows.get(i).get(j).asDouble());
            }
        }
        return t;
    }

    static int[] ints(JsonNode values) {
        int[] a = new int[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i).asInt();
        }
        return a;
    }
}
