package org.cnlp.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.encoder.BertEncoder;
import org.cnlp.model.encoder.EncoderBatch;
import org.cnlp.model.encoder.TokenModel;
import org.cnlp.model.ner.TokenClassifier;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.WeightSet;
import org.cnlp.model.weights.internal.OnnxGraph;
import org.junit.jupiter.api.Test;

/** The exported ONNX model run by ONNX Runtime reproduces the DJL PyTorch blocks. */
class OnnxExportTest {

    private static final int TAGS = 5;

    @Test
    void classifierLogitsMatchPyTorch() throws Exception {
        BertConfig config = RandomBert.config();
        WeightSet weights = RandomBert.weights(config, TAGS, 7);
        EncoderBatch batch = RandomBert.batch(config, 3, 7, 20, 1, 13);
        try (TokenModel djl = TokenModel.create(new TokenClassifier(config, TAGS), weights, Device.cpu());
                OrtTokenModel ort = OrtTokenModel.create(OnnxExport.export(config, weights), TAGS, config.maxPositions(), 1)) {
            List<float[]> expected = djl.forward(batch);
            List<float[]> actual = ort.forward(batch);
            assertClose(expected, actual, 1e-4f);
            assertEquals(20 * TAGS, actual.get(1).length);
            assertEquals("OnnxRuntime cpu", ort.engineDescription());

            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<List<float[]>>> futures = List.of(pool.submit(() -> ort.forward(batch)),
                        pool.submit(() -> ort.forward(batch)), pool.submit(() -> ort.forward(batch)));
                for (Future<List<float[]>> future : futures) {
                    assertClose(actual, future.get(), 0f);
                }
            } finally {
                pool.shutdownNow();
            }
            EncoderBatch tooLong = RandomBert.batch(config, 4, config.maxPositions() + 1);
            assertThrows(IllegalArgumentException.class, () -> ort.forward(tooLong));
        }
    }

    @Test
    void encoderWithoutHeadMatchesPyTorch() {
        BertConfig config = RandomBert.config();
        WeightSet weights = RandomBert.weights(config, 0, 11);
        byte[] onnx = OnnxExport.export(config, weights);

        OnnxGraph graph = OnnxGraph.parse(onnx);
        assertEquals(OnnxExport.LAST_HIDDEN_STATE, graph.nodes().getLast().outputs().getFirst());
        OnnxGraph.Initializer words = graph.initializers().get("embeddings.word_embeddings.weight");
        assertEquals(OnnxGraph.FLOAT, words.dataType());
        assertTrue(words.raw().isPresent(), "initializers are stored as raw_data");
        assertEquals(List.of((long) config.vocabSize(), (long) config.hiddenSize()),
                Arrays.stream(words.dims()).boxed().toList());

        EncoderBatch batch = RandomBert.batch(config, 5, 3, 17, 9);
        try (TokenModel djl = TokenModel.create(new BertEncoder(config), weights, Device.cpu());
                OrtTokenModel ort = OrtTokenModel.create(onnx, config.hiddenSize(), config.maxPositions(), 0)) {
            assertClose(djl.forward(batch), ort.forward(batch), 1e-4f);
            ort.close();
            assertThrows(IllegalStateException.class, () -> ort.forward(batch));
        }
    }

    @Test
    void refusesWeightsThatDoNotFitTheConfiguration() {
        BertConfig config = RandomBert.config();
        Map<String, HostTensor> tensors = new LinkedHashMap<>(RandomBert.weights(config, TAGS, 1).asMap());
        tensors.remove("encoder.layer.1.output.dense.bias");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.export(config, WeightSet.of(tensors)));
        assertTrue(missing.getMessage().contains("encoder.layer.1.output.dense.bias"), missing.getMessage());

        tensors.put("encoder.layer.1.output.dense.bias", HostTensor.of(new long[] {3}, new float[3]));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.export(config, WeightSet.of(tensors)));
        assertTrue(shape.getMessage().contains("[3]"), shape.getMessage());
    }

    @Test
    void refusesAModelOfAnotherWidth() {
        BertConfig config = RandomBert.config();
        byte[] onnx = OnnxExport.export(config, RandomBert.weights(config, TAGS, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OrtTokenModel.create(onnx, TAGS + 1, config.maxPositions(), 1));
        assertTrue(e.getMessage().contains("width 5"), e.getMessage());
    }

    /** Every row of {@code actual} within {@code tolerance} of {@code expected}. */
    static void assertClose(List<float[]> expected, List<float[]> actual, float tolerance) {
        assertEquals(expected.size(), actual.size());
        float max = 0;
        for (int b = 0; b < expected.size(); b++) {
            assertEquals(expected.get(b).length, actual.get(b).length, "row " + b);
            for (int i = 0; i < expected.get(b).length; i++) {
                max = Math.max(max, Math.abs(expected.get(b)[i] - actual.get(b)[i]));
            }
        }
        assertTrue(max <= tolerance, "max |expected - actual| = " + max);
        System.out.println("max |DJL - ORT| = " + max);
    }
}
