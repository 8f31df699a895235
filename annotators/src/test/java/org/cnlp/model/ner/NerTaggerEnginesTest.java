package org.cnlp.model.ner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.encoder.TokenModel;
import org.cnlp.model.onnx.OnnxExport;
import org.cnlp.model.onnx.OrtTokenModel;
import org.cnlp.model.onnx.RandomBert;
import org.cnlp.model.weights.TensorType;
import org.cnlp.model.weights.WeightSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tagger finds the same entities whichever engine runs its classifier, and loads on the engine asked for. */
class NerTaggerEnginesTest {

    private static final LabelScheme SCHEME = LabelScheme.of("Disease", "Chemical");
    private static final int MAX_LENGTH = 16;
    private static final List<String> TEXTS = List.of(
            "The patient denies chest pain and fever.",
            "History of type 2 diabetes, on metformin 500 mg daily; aspirin 5 mg.",
            "Reports mild shortness of breath with cough today, severe left arm pain and right leg pain, no fever, "
                    + "history of diabetes, was on aspirin and metformin daily for 3 days.",
            "no");

    @Test
    void bothEnginesFindTheSameEntities() {
        BertConfig config = RandomBert.config();
        WeightSet weights = RandomBert.weights(config, SCHEME.size(), 21);
        List<List<NerSpan>> pytorch;
        List<List<NerSpan>> onnx;
        try (NerTagger tagger = NerTagger.wrap("random", SCHEME, MAX_LENGTH, RandomBert.tokenizerJson(),
                TokenModel.create(new TokenClassifier(config, SCHEME.size()), weights, Device.cpu()), 3)) {
            pytorch = tagger.tag(TEXTS);
        }
        try (NerTagger tagger = NerTagger.wrap("random", SCHEME, MAX_LENGTH, RandomBert.tokenizerJson(),
                OrtTokenModel.create(OnnxExport.export(config, weights), SCHEME.size(), config.maxPositions(), 1), 3)) {
            onnx = tagger.tag(TEXTS);
        }
        assertSameSpans(pytorch, onnx);
        assertTrue(pytorch.stream().mapToInt(List::size).sum() >= 3, "random weights should produce some spans: " + pytorch);
    }

    @Test
    void loadsOnTheEngineAskedFor(@TempDir Path temp) throws IOException {
        BertConfig config = RandomBert.config();
        ModelBundle bundle = ModelBundle.write(temp.resolve("bundle"), new ModelBundle.Contents("random-ner", SCHEME, MAX_LENGTH,
                config, RandomBert.tokenizerJson(), RandomBert.weights(config, SCHEME.size(), 5), "random", Map.of()),
                TensorType.F32, ModelBundle.DEFAULT_SHARD_BYTES);
        List<List<NerSpan>> onnx;
        try (NerTagger tagger = NerTagger.load(bundle, "onnxruntime", "cpu", 4)) {
            assertEquals("OnnxRuntime cpu", tagger.model().engineDescription());
            onnx = tagger.tag(TEXTS);
        }
        try (NerTagger tagger = NerTagger.load(bundle, "auto", "cpu", 4)) {
            assertEquals("OnnxRuntime cpu", tagger.model().engineDescription());
            assertSameSpans(onnx, tagger.tag(TEXTS));
        }
        try (NerTagger tagger = NerTagger.load(bundle, "cpu", 4)) {
            assertEquals("PyTorch cpu()", tagger.model().engineDescription());
            assertSameSpans(onnx, tagger.tag(TEXTS));
        }
        IllegalArgumentException cuda = assertThrows(IllegalArgumentException.class,
                () -> NerTagger.load(bundle, "onnxruntime", "cuda:0", 4));
        assertTrue(cuda.getMessage().contains("CPU only"), cuda.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NerTagger.load(bundle, "tensorflow", "cpu", 4));
    }

    /** Same types and offsets; confidences (mean probabilities) equal to float rounding. */
    private static void assertSameSpans(List<List<NerSpan>> expected, List<List<NerSpan>> actual) {
        assertEquals(expected.size(), actual.size());
        for (int d = 0; d < expected.size(); d++) {
            List<NerSpan> e = expected.get(d);
            List<NerSpan> a = actual.get(d);
            assertEquals(e.stream().map(s -> s.type() + "@" + s.begin() + "-" + s.end()).toList(),
                    a.stream().map(s -> s.type() + "@" + s.begin() + "-" + s.end()).toList(), "text " + d);
            for (int i = 0; i < e.size(); i++) {
                assertEquals(e.get(i).confidence(), a.get(i).confidence(), 1e-5, "text " + d + " span " + i);
            }
        }
    }
}
