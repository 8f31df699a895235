package org.cnlp.model.ner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.encoder.TinyModels;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.TensorType;
import org.cnlp.model.weights.WeightSet;

/** Tiny NER bundles for tests: a random tiny encoder and a head whose bias favours one tag. */
public final class TinyBundles {

    public static final LabelScheme SCHEME = LabelScheme.of("Disease", "Chemical");

    private TinyBundles() {}

    /** Weights of a tiny classifier: zero head weights, so every word's tag is {@code favoured}. */
    public static WeightSet weights(BertConfig config, int favoured, long seed) {
        Map<String, HostTensor> all = new LinkedHashMap<>(TinyModels.weights(config, seed).asMap());
        int tags = SCHEME.size();
        all.put(TokenClassifier.WEIGHT, HostTensor.of(new long[] {tags, config.hiddenSize()}, new float[tags * config.hiddenSize()]));
        float[] bias = new float[tags];
        bias[favoured] = 5;
        all.put(TokenClassifier.BIAS, HostTensor.of(new long[] {tags}, bias));
        return WeightSet.of(all);
    }

    /** Writes a bundle tagging every word with {@code favoured}. */
    public static ModelBundle write(Path dir, String name, int favoured) throws IOException {
        BertConfig config = TinyModels.config();
        return ModelBundle.write(dir, new ModelBundle.Contents(name, SCHEME, 32, config, TinyModels.tokenizerJson(),
                weights(config, favoured, 7), "tiny random", Map.of("purpose", "test")), TensorType.F16, 4_000);
    }
}
