package com.example.digits;

import dev.nnj.api.Shape;
import dev.nnj.api.Tensor;
import dev.nnj.core.Models;
import dev.nnj.core.NnRuntime;
import dev.nnj.core.build.AssembledModel;
import dev.nnj.core.data.CsvTable;
import dev.nnj.core.data.DataSet;
import dev.nnj.core.eval.Predictor;
import dev.nnj.core.json.ModelArchive;
import dev.nnj.core.random.Seeds;
import dev.nnj.core.table.TableModel;
import dev.nnj.core.table.TableOptions;
import dev.nnj.core.table.TableSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The task of issue 15, as docs/java-api.md shows it: build a 64-128-10 ReLU network in code,
 * train it on the digits with Adam, save it, load it and predict from 8 threads.
 */
public final class QuickStart {
    private QuickStart() {
    }

    /**
     * @param args the digits CSV (UCI optical digits, 64 pixels and the label per line) and the
     *     .nnj file to write
     * @throws Exception if a prediction thread fails
     */
    public static void main(String[] args) throws Exception {
        System.out.printf("test accuracy %.4f%n", run(Path.of(args[0]), Path.of(args[1])));
    }

    /**
     * @param digits the digits CSV
     * @param file the .nnj file to write
     * @return the loaded model's accuracy on the 360 test rows, predicted from 8 threads
     * @throws Exception if a prediction thread fails
     */
    public static double run(Path digits, Path file) throws Exception {
        // --- docs/java-api.md, "The whole task" (30 lines) ---
        NnRuntime runtime = NnRuntime.discover();
        CsvTable.Split rows = CsvTable.read(digits).split(360, Seeds.stream(1, "split"));
        TableSchema schema = TableSchema.fit(rows.train(), TableOptions.DEFAULTS, true); // scaling, from training rows
        AssembledModel model = Models.sequential(Shape.of(schema.width()))
                .dense(128, "relu")
                .dense(10)
                .loss("softmax-cross-entropy")
                .optimizer("adam", o -> o.set("learningRate", 1e-3))
                .epochs(20)
                .seed(42)
                .build(runtime);
        model.trainer().fit(schema.encode(rows.train()), null);
        ModelArchive.save(file, model.spec(), model.model(), schema);

        TableModel loaded = ModelArchive.loadTable(file, runtime.assembler());
        Predictor predictor = loaded.model().predictor();                  // one per model, shared by threads
        Tensor x = loaded.schema().encodeFeatures(rows.test());            // raw rows, scaled as in training
        DataSet truth = loaded.examples(rows.test());                     // the labels, as class numbers
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Integer>> classes = IntStream.range(0, x.rows())
                .mapToObj(i -> threads.submit(() -> predictor.predict(x.row(i)).predictedClass()))
                .toList();
        int correct = 0;
        for (int i = 0; i < truth.size(); i++) {
            correct += classes.get(i).get() == truth.label(i) ? 1 : 0;
        }
        threads.shutdown();
        return correct / (double) truth.size();
        // --- end ---
    }
}
