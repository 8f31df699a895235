package org.cnlp.model.encoder;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.SplittableRandom;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.WeightSet;

/** The tensor names and shapes of a {@link BertEncoder}, and freshly initialized weights for one. */
public final class BertWeights {

    private BertWeights() {}

    /** Every weight name of an encoder of this configuration with its shape, in parameter order. */
    public static SequencedMap<String, long[]> shapes(BertConfig config) {
        long h = config.hiddenSize();
        long inner = config.intermediateSize();
        SequencedMap<String, long[]> out = new LinkedHashMap<>();
        out.put("embeddings.word_embeddings.weight", new long[] {config.vocabSize(), h});
        out.put("embeddings.position_embeddings.weight", new long[] {config.maxPositions(), h});
        out.put("embeddings.token_type_embeddings.weight", new long[] {config.typeVocabSize(), h});
        norm(out, "embeddings.LayerNorm", h);
        for (int i = 0; i < config.numLayers(); i++) {
            String p = "encoder.layer." + i + ".";
            linear(out, p + "attention.self.query", h, h);
            linear(out, p + "attention.self.key", h, h);
            linear(out, p + "attention.self.value", h, h);
            linear(out, p + "attention.output.dense", h, h);
            norm(out, p + "attention.output.LayerNorm", h);
            linear(out, p + "intermediate.dense", inner, h);
            linear(out, p + "output.dense", h, inner);
            norm(out, p + "output.LayerNorm", h);
        }
        return Collections.unmodifiableSequencedMap(out);
    }

    /**
     * Weights initialized as HuggingFace initializes BERT: matrices and embeddings normal with
     * standard deviation {@code std} (0.02 there), biases 0, LayerNorm weight 1 and bias 0.
     * Deterministic for a seed.
     */
    public static WeightSet random(BertConfig config, long seed, double std) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, HostTensor> out = new LinkedHashMap<>();
        shapes(config).forEach((name, shape) -> {
            int size = 1;
            for (long dim : shape) {
                size = Math.multiplyExact(size, (int) dim);
            }
            float[] values = new float[size];
            if (name.contains("LayerNorm.weight")) {
                Arrays.fill(values, 1f);
            } else if (!name.endsWith(".bias")) {
                for (int i = 0; i < size; i++) {
                    values[i] = (float) (gaussian(random) * std);
                }
            }
            out.put(name, HostTensor.of(shape, values));
        });
        return WeightSet.of(out);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static void linear(SequencedMap<String, long[]> out, String prefix, long units, long inputs) {
        out.put(prefix + ".weight", new long[] {units, inputs});
        out.put(prefix + ".bias", new long[] {units});
    }

    private static void norm(SequencedMap<String, long[]> out, String prefix, long width) {
        out.put(prefix + ".weight", new long[] {width});
        out.put(prefix + ".bias", new long[] {width});
    }
}
