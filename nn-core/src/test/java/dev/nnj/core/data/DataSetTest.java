package dev.nnj.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.DataException;
import dev.nnj.api.ShapeMismatchException;
import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.core.layer.DenseLayer;
import dev.nnj.core.model.Sequential;
import dev.nnj.core.random.Seeds;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DataSetTest {
    private final DataSet data = DataSet.classification("d.csv",
            Tensor.of(new double[][] {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}}), new int[] {0, 1, 2, 12, 1});

    @Test
    void reportsALabelOutsideTheModelsClasses() {
        Sequential model = Sequential.builder(Shape.of(2)).add(new DenseLayer(2, 10), "layers.0", "layers[0] (dense)")
                .build();
        DataException e = assertThrows(DataException.class, () -> data.checkFits(model));
        assertEquals("d.csv: example 4 has label 12, outside the model's 10 classes 0..9 (layers[0] (dense) has 10 "
                + "outputs); give the last layer more units or fix the labels.", e.getMessage());
    }

    @Test
    void aLabelOutsideTheClassesIsNamedByItsOriginAfterShuffleAndSplit() {
        Sequential model = Sequential.builder(Shape.of(2)).add(new DenseLayer(2, 10), "layers.0", "layers[0] (dense)")
                .build();
        DataSet.Split parts = data.withOrigin(Origin.lines("d.csv", new int[] {2, 3, 5, 31, 32}))
                .split(2, Seeds.stream(1, "split"));
        DataSet part = contains12(parts.train()) ? parts.train() : parts.test();
        int[] reversed = new int[part.size()];
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = part.size() - 1 - i;
        }
        for (DataSet d : new DataSet[] {part, part.subset(reversed, "reversed")}) {
            DataException e = assertThrows(DataException.class, () -> d.checkFits(model));
            assertEquals("d.csv line 31 has label 12, outside the model's 10 classes 0..9 (layers[0] (dense) has 10 "
                    + "outputs); give the last layer more units or fix the labels.", e.getMessage());
        }
    }

    private static boolean contains12(DataSet d) {
        for (int i = 0; i < d.size(); i++) {
            if (d.label(i) == 12) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anIdxOriginCountsFromZero() {
        assertEquals("l.idx index 0 (counting from 0)", Origin.indices("l.idx").describe(0));
        assertEquals("l.idx index 7 (counting from 0)", Origin.indices("l.idx").subset(new int[] {3, 7}).describe(1));
    }

    @Test
    void reportsExamplesWithTheWrongNumberOfFeatures() {
        Sequential model = Sequential.builder(Shape.of(64)).add(new DenseLayer(64, 13), "layers.0", "layers[0] (dense)")
                .build();
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> data.checkFits(model));
        assertEquals("d.csv: examples have 2 features, but layers[0] (dense) expects 64 (input shape [64]): "
                + "expected [*, 64], got [5, 2].", e.getMessage());
    }

    @Test
    void gathersOneHotTargetsOrTheLabelForASingleOutput() {
        Tensor x = Tensor.zeros(4, 2);
        Tensor y = Tensor.zeros(4, 13);
        data.gather(new int[] {4, 0}, 0, 2, x, y);
        assertEquals(2, x.rows());
        assertArrayEquals(new double[] {5, 5, 1, 1}, Arrays.copyOf(x.data(), 4), 0.0);
        assertEquals(1.0, y.get(0, 1));
        assertEquals(1.0, y.get(1, 0));
        assertEquals(2.0, Arrays.stream(Arrays.copyOf(y.data(), 26)).sum());
        Tensor single = Tensor.zeros(2, 1);
        data.gather(new int[] {1, 2}, 0, 2, x, single);
        assertArrayEquals(new double[] {1, 2}, single.data(), 0.0);
    }

    @Test
    void splitsDeterministicallyIntoDisjointParts() {
        DataSet.Split a = data.split(2, Seeds.stream(1, "split"));
        DataSet.Split b = data.split(2, Seeds.stream(1, "split"));
        assertEquals(3, a.train().size());
        assertEquals(2, a.test().size());
        assertArrayEquals(a.test().features().data(), b.test().features().data(), 0.0);
        double sum = 0;
        for (DataSet part : new DataSet[] {a.train(), a.test()}) {
            for (int i = 0; i < part.size(); i++) {
                sum += part.features().get(i, 0);
            }
        }
        assertEquals(15.0, sum, "every example in exactly one part");
    }
}
