package org.cnlp.model.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.encoder.BertWeights;
import org.cnlp.model.encoder.EncoderBatch;
import org.cnlp.model.encoder.TinyModels;
import org.cnlp.model.tokenizer.TokenSequence;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.WeightSet;

/** A random 2-layer, 32-wide BERT with a small vocabulary and an optional classifier, for tests. */
public final class RandomBert {

    /** The vocabulary of {@link #tokenizerJson} (the tiny encoder tests' one). */
    public static final List<String> VOCAB = TinyModels.VOCAB;

    private RandomBert() {}

    /** hidden 32, 2 layers, 4 heads, feed-forward 64, 64 positions, 2 token types. */
    public static BertConfig config() {
        return new BertConfig(VOCAB.size(), 32, 2, 4, 64, 64, 2, 1e-12f, 0.1f, 0.1f);
    }

    /** The WordPiece tokenizer over {@link #VOCAB} (lower-casing). */
    public static String tokenizerJson() {
        return TinyModels.tokenizerJson();
    }

    /**
     * Every tensor random (biases and LayerNorm parameters too, so a mix-up shows); with
     * {@code tags > 0} a classifier of that many tags, its bias 0 so that every tag wins somewhere.
     */
    public static WeightSet weights(BertConfig config, int tags, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, HostTensor> out = new LinkedHashMap<>();
        BertWeights.shapes(config).forEach((name, shape) -> out.put(name, TinyModels.random(random, name, shape)));
        if (tags > 0) {
            out.put("classifier.weight", TinyModels.random(random, "classifier.weight", new long[] {tags, config.hiddenSize()}));
            out.put("classifier.bias", HostTensor.of(new long[] {tags}, new float[tags]));
        }
        return WeightSet.of(out);
    }

    /** A batch of random sequences of these lengths, padded to the longest, with mixed token types. */
    public static EncoderBatch batch(BertConfig config, long seed, int... lengths) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TokenSequence> sequences = new ArrayList<>();
        for (int length : lengths) {
            long[] ids = new long[length];
            long[] types = new long[length];
            int[] starts = new int[length];
            int[] ends = new int[length];
            for (int t = 0; t < length; t++) {
                ids[t] = 1 + random.nextInt(config.vocabSize() - 1);
                types[t] = t < length / 2 ? 0 : 1;
                starts[t] = t;
                ends[t] = t + 1;
            }
            sequences.add(TokenSequence.of(ids, types, starts, ends));
        }
        return EncoderBatch.of(sequences, 0);
    }
}
