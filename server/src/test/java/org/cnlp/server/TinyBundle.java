package org.cnlp.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.encoder.BertWeights;
import org.cnlp.model.ner.LabelScheme;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.ner.TokenClassifier;
import org.cnlp.model.tokenizer.WordPieceTokenizerJson;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.TensorType;
import org.cnlp.model.weights.WeightSet;

/**
 * A tiny NER model bundle (random 2-layer encoder, hidden size 16) whose classifier tags every word
 * {@code B-Disease}: enough for the server to load a model pipeline and report its bundle.
 */
public final class TinyBundle {

    public static final LabelScheme SCHEME = LabelScheme.of("Disease", "Chemical");
    /** {@code training.devF1} in the manifest. */
    public static final Map<String, Double> DEV_F1 = orderedF1();
    /** {@code training.devScore} in the manifest. */
    public static final double DEV_SCORE = 0.7125;

    private static final List<String> VOCAB = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
            "the", "patient", "denies", "chest", "pain", "history", "of", "type", "2", "diabetes", "mellitus", "plan",
            "metformin", "old", "mi", "hpi", ".", ":", ",", "##s");

    private TinyBundle() {
    }

    /** Writes the bundle to {@code dir} (which must not exist), with dev scores in its training metadata. */
    public static ModelBundle write(Path dir, String name) throws IOException {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("purpose", "server test");
        training.put("devF1", DEV_F1);
        training.put("devScore", DEV_SCORE);
        return write(dir, name, training);
    }

    /** Writes the bundle to {@code dir} with the given training metadata. */
    public static ModelBundle write(Path dir, String name, Map<String, Object> training) throws IOException {
        BertConfig config = BertConfig.of(VOCAB.size(), 16, 2, 4, 32, 64, 2);
        Map<String, HostTensor> weights = new LinkedHashMap<>(BertWeights.random(config, 11, 0.02).asMap());
        int tags = SCHEME.size();
        int hidden = config.hiddenSize();
        weights.put(TokenClassifier.WEIGHT, HostTensor.of(new long[] {tags, hidden}, new float[tags * hidden]));
        float[] bias = new float[tags];
        bias[SCHEME.begin(0)] = 5;
        weights.put(TokenClassifier.BIAS, HostTensor.of(new long[] {tags}, bias));
        String tokenizer = WordPieceTokenizerJson.fromVocab(VOCAB, true);
        return ModelBundle.write(dir, new ModelBundle.Contents(name, SCHEME, 32, config, tokenizer, WeightSet.of(weights),
                "tiny random (server test)", training), TensorType.F32, ModelBundle.DEFAULT_SHARD_BYTES);
    }

    private static Map<String, Double> orderedF1() {
        Map<String, Double> f1 = new LinkedHashMap<>();
        f1.put("bc5cdr/Disease", 0.75);
        f1.put("bc5cdr/Chemical", 0.5);
        f1.put("ncbi-disease/Disease", 0.8125);
        return Collections.unmodifiableMap(f1);
    }
}
