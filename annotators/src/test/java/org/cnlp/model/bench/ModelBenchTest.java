package org.cnlp.model.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.ner.LabelScheme;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.onnx.RandomBert;
import org.cnlp.model.weights.TensorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model benchmark runs both engines on a bundle and reports consistent figures. */
class ModelBenchTest {

    @Test
    void measuresBothEnginesOnOneBundle(@TempDir Path temp) throws IOException {
        BertConfig config = RandomBert.config();
        LabelScheme scheme = LabelScheme.of("Disease", "Chemical");
        ModelBundle bundle = ModelBundle.write(temp.resolve("bundle"), new ModelBundle.Contents("bench-test", scheme, 32, config,
                RandomBert.tokenizerJson(), RandomBert.weights(config, scheme.size(), 9), "random", Map.of()),
                TensorType.F32, ModelBundle.DEFAULT_SHARD_BYTES);

        ModelBench.Result result = ModelBench.run(bundle, new ModelBench.Settings(32, 4, 3, 2, 3, 1));

        assertEquals(scheme.size(), result.tags());
        assertTrue(result.maxAbsLogitDifference() < 1e-4f, "max difference " + result.maxAbsLogitDifference());
        for (ModelBench.EngineResult engine : new ModelBench.EngineResult[] {result.pytorch(), result.onnxRuntime()}) {
            assertTrue(engine.latencyMs() > 0 && engine.sequencesPerSecond() > 0 && engine.gemmPeakGflops() > 0,
                    engine.toString());
            assertEquals(engine.sequencesPerSecond() * result.gflopPerSequence(), engine.gflops(), 1e-9 * engine.gflops());
        }
        assertEquals("onnxruntime", result.servingEngine());
        assertEquals(1.0, result.servingOverOnnxRuntime(), 1e-12);
        assertTrue(result.toTable().contains("onnxruntime"), result.toTable());

        JsonNode json = new ObjectMapper().readTree(result.toJson());
        assertEquals(result.onnxRuntime().sequencesPerSecond(), json.path("onnxRuntime").path("sequencesPerSecond").asDouble());
        assertEquals(32, json.path("settings").path("sequenceLength").asInt());
        System.out.print(result.toTable());
    }
}
