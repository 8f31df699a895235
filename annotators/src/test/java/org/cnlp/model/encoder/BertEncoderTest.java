package org.cnlp.model.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.cnlp.model.tokenizer.TokenSequence;
import org.cnlp.model.weights.WeightSet;
import org.junit.jupiter.api.Test;

/** The DJL encoder against a plain-Java HuggingFace BERT, on tiny random weights. */
class BertEncoderTest {

    private static final long SEED = 20260127L;

    @Test
    void matchesThePlainJavaReferenceWithPaddingAndTokenTypes() {
        BertConfig config = TinyModels.config();
        WeightSet weights = TinyModels.weights(config, SEED);
        ReferenceBert reference = new ReferenceBert(config, weights);
        SplittableRandom random = new SplittableRandom(SEED);
        List<TokenSequence> sequences = List.of(randomSequence(random, 11, config), randomSequence(random, 5, config),
                randomSequence(random, 1, config));
        EncoderBatch batch = EncoderBatch.of(sequences, 0);
        List<float[]> rows;
        try (TokenModel model = TokenModel.create(new BertEncoder(config), weights, Device.cpu())) {
            rows = model.forward(batch);
        }
        double maxDiff = 0;
        for (int b = 0; b < sequences.size(); b++) {
            TokenSequence sequence = sequences.get(b);
            long[] types = new long[sequence.length()];
            for (int t = 0; t < types.length; t++) {
                types[t] = sequence.typeId(t);
            }
            long[] mask = new long[sequence.length()];
            Arrays.fill(mask, 1);
            double[][] expected = reference.forward(sequence.ids(), mask, types);
            assertEquals(sequence.length() * config.hiddenSize(), rows.get(b).length);
            for (int t = 0; t < expected.length; t++) {
                for (int k = 0; k < config.hiddenSize(); k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(expected[t][k] - rows.get(b)[t * config.hiddenSize() + k]));
                }
            }
        }
        assertTrue(maxDiff < 1e-4, "max |DJL - reference| = " + maxDiff);
    }

    @Test
    void paddingDoesNotChangeTheRealTokens() {
        BertConfig config = TinyModels.config();
        TokenSequence sequence = randomSequence(new SplittableRandom(SEED + 1), 9, config);
        try (TokenModel model = TokenModel.create(new BertEncoder(config), TinyModels.weights(config, SEED), Device.cpu())) {
            float[] alone = model.forward(EncoderBatch.of(List.of(sequence), 0)).getFirst();
            EncoderBatch padded = EncoderBatch.of(List.of(sequence), 0, 40);
            assertEquals(40, padded.length());
            float[] inPaddedBatch = model.forward(padded).getFirst();
            assertEquals(alone.length, inPaddedBatch.length, "padding rows are dropped");
            for (int i = 0; i < alone.length; i++) {
                assertEquals(alone[i], inPaddedBatch[i], 1e-5f);
            }
        }
    }

    @Test
    void geluIsTheExactErfForm() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            float[] xs = new float[121];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = -6 + i * 0.1f;
            }
            float[] ys = Activation.gelu(manager.create(xs)).toFloatArray();
            double maxDiff = 0;
            for (int i = 0; i < xs.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(ys[i] - ReferenceBert.gelu(xs[i])));
            }
            assertTrue(maxDiff < 1e-6, "the tanh approximation differs by ~5e-4; seen " + maxDiff);
        }
    }

    @Test
    void hiddenStatesHoldEmbeddingsAndEveryLayer() {
        BertConfig config = TinyModels.config();
        BertEncoder encoder = new BertEncoder(config);
        try (TokenModel model = TokenModel.create(encoder, TinyModels.weights(config, SEED), Device.cpu());
                NDManager scope = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            EncoderBatch batch = EncoderBatch.of(List.of(randomSequence(new SplittableRandom(SEED), 7, config)), 0);
            NDList inputs = batch.toNDList(scope);
            List<NDArray> states = encoder.hiddenStates(new ParameterStore(scope, false), inputs, false);
            assertEquals(config.numLayers() + 1, states.size());
            float[] last = states.getLast().toFloatArray();
            float[] forward = model.forward(batch).getFirst();
            assertEquals(forward.length, last.length);
            for (int i = 0; i < last.length; i++) {
                assertEquals(forward[i], last[i], 1e-6f);
            }
        }
    }

    @Test
    void namesEveryParameterLikeHuggingFace() {
        BertConfig config = TinyModels.config();
        assertEquals(List.copyOf(BertWeights.shapes(config).keySet()), List.copyOf(new BertEncoder(config).namedParameters().keySet()));
        assertEquals(5 + 16 * config.numLayers(), BertWeights.shapes(config).size());
    }

    @Test
    void rejectsSequencesLongerThanThePositionTable() {
        BertConfig config = TinyModels.config();
        try (TokenModel model = TokenModel.create(new BertEncoder(config), TinyModels.weights(config, SEED), Device.cpu())) {
            EncoderBatch tooLong = EncoderBatch.of(List.of(randomSequence(new SplittableRandom(1), 65, config)), 0);
            assertThrows(IllegalArgumentException.class, () -> model.forward(tooLong));
        }
    }

    static TokenSequence randomSequence(SplittableRandom random, int content, BertConfig config) {
        int n = content + 2;
        long[] ids = new long[n];
        long[] types = new long[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        ids[0] = 2;
        ids[n - 1] = 3;
        starts[0] = ends[0] = starts[n - 1] = ends[n - 1] = -1;
        for (int i = 1; i < n - 1; i++) {
            ids[i] = 5 + random.nextInt(config.vocabSize() - 5);
            starts[i] = 2 * i;
            ends[i] = 2 * i + 1;
            types[i] = i > n / 2 ? 1 : 0;
        }
        return TokenSequence.of(ids, types, starts, ends);
    }
}
