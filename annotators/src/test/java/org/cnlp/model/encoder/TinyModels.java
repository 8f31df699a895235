package org.cnlp.model.encoder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cnlp.model.tokenizer.WordPieceTokenizerJson;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.WeightSet;

/** Tiny BERT encoders with seeded random weights and a small WordPiece vocabulary, for unit tests. */
public final class TinyModels {

    public static final List<String> VOCAB = List.of(
            "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
            "the", "patient", "denies", "chest", "pain", "fever", "and", "cough", "no", "with", "of", "a", "is",
            "history", "diabetes", "type", "on", "daily", "mg", "aspirin", "metformin", "reports", "short", "ness",
            "breath", "mild", "severe", "left", "right", "arm", "leg", "today", "was", "has", "had", "for",
            ".", ",", ";", ":", "-", "(", ")", "%", "0", "1", "2", "3", "5",
            "##s", "##ing", "##ed", "##ly", "##ness", "##a", "##b", "##c", "##1", "##2");

    private TinyModels() {}

    /** hidden 16, 2 layers, 4 heads, feed-forward 32, 64 positions. */
    public static BertConfig config() {
        return new BertConfig(VOCAB.size(), 16, 2, 4, 32, 64, 2, 1e-12f, 0.1f, 0.1f);
    }

    public static String tokenizerJson() {
        return WordPieceTokenizerJson.fromVocab(VOCAB, true);
    }

    /** Every tensor random (biases and LayerNorm parameters too, so a mix-up shows). */
    public static WeightSet weights(BertConfig config, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, HostTensor> out = new LinkedHashMap<>();
        BertWeights.shapes(config).forEach((name, shape) -> out.put(name, random(random, name, shape)));
        return WeightSet.of(out);
    }

    /** A random tensor: LayerNorm weights near 1, biases and LayerNorm biases within ±0.1, other weights within ±0.3. */
    public static HostTensor random(SplittableRandom random, String name, long[] shape) {
        int size = 1;
        for (long dim : shape) {
            size *= (int) dim;
        }
        float[] values = new float[size];
        boolean normWeight = name.contains("LayerNorm.weight");
        double scale = name.endsWith(".bias") || normWeight ? 0.1 : 0.3;
        for (int i = 0; i < size; i++) {
            values[i] = (float) ((normWeight ? 1 : 0) + scale * (2 * random.nextDouble() - 1));
        }
        return HostTensor.of(shape, values);
    }
}
