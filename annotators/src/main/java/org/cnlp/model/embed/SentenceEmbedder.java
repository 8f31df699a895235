package org.cnlp.model.embed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.encoder.BundledEncoder;
import org.cnlp.model.encoder.EncoderBatch;
import org.cnlp.model.encoder.EncoderCheckpoint;
import org.cnlp.model.onnx.OnnxExport;
import org.cnlp.model.onnx.OrtTokenModel;
import org.cnlp.model.tokenizer.EncoderTokenizer;
import org.cnlp.model.tokenizer.TokenSequence;
import org.cnlp.model.tokenizer.TokenizerSettings;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.WeightSet;
import org.cnlp.terminology.dense.TextEmbedder;
import org.cnlp.terminology.knn.VectorMatrix;

/**
 * Embeds short texts with a BERT encoder: the final hidden state of {@code [CLS]} (the way
 * retrieval models such as bge-small are used) or the mean of every token's, L2-normalised. The
 * encoder runs on ONNX Runtime (CPU) from a graph exported from its weights; texts are truncated
 * to {@code maxLength} tokens and batched by length. Thread-safe.
 */
public final class SentenceEmbedder implements TextEmbedder, AutoCloseable {

    /** How token states become one vector. */
    public enum Pooling {
        /** The {@code [CLS]} token's state. */
        CLS,
        /** The mean over the text's tokens, special tokens included. */
        MEAN
    }

    /** Concept names and mentions are short: 32 tokens keep nearly all whole. */
    public static final int DEFAULT_MAX_LENGTH = 32;
    private static final int BATCH = 64;

    private final String modelId;
    private final BertConfig config;
    private final EncoderTokenizer tokenizer;
    private final OrtTokenModel model;
    private final Pooling pooling;

    private SentenceEmbedder(String modelId, BertConfig config, EncoderTokenizer tokenizer, OrtTokenModel model,
            Pooling pooling) {
        this.modelId = modelId;
        this.config = config;
        this.tokenizer = tokenizer;
        this.model = model;
        this.pooling = pooling;
    }

    /** bge-small-en-v1.5 from its Maven Central jar: the default concept-name embedder. */
    public static SentenceEmbedder bgeSmall() throws IOException {
        return open(BundledEncoder.BGE_SMALL_EN_V15.checkpoint(), "bge-small-en-v1.5/cls", DEFAULT_MAX_LENGTH, 0);
    }

    /**
     * An embedder over any encoder checkpoint.
     *
     * @param modelId        recorded with the vectors, so that queries use the same model
     * @param intraOpThreads ONNX Runtime threads, 0 for one per core
     */
    public static SentenceEmbedder open(EncoderCheckpoint checkpoint, String modelId, int maxLength, int intraOpThreads) {
        return open(checkpoint, modelId, maxLength, intraOpThreads, Pooling.CLS);
    }

    /** As {@link #open(EncoderCheckpoint, String, int, int)} with a choice of pooling. */
    public static SentenceEmbedder open(EncoderCheckpoint checkpoint, String modelId, int maxLength, int intraOpThreads,
            Pooling pooling) {
        Objects.requireNonNull(modelId, "modelId");
        BertConfig config = checkpoint.config();
        EncoderTokenizer tokenizer = checkpoint.tokenizer(TokenizerSettings.truncating(Math.min(maxLength, config.maxPositions())));
        try {
            Map<String, HostTensor> encoderOnly = new LinkedHashMap<>(checkpoint.weights().asMap());
            encoderOnly.keySet().removeIf(name -> name.startsWith("classifier."));
            byte[] onnx = OnnxExport.export(config, WeightSet.of(encoderOnly));
            return new SentenceEmbedder(modelId, config, tokenizer,
                    OrtTokenModel.create(onnx, config.hiddenSize(), config.maxPositions(), intraOpThreads), pooling);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return config.hiddenSize();
    }

    @Override
    public float[][] embed(List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        if (texts.isEmpty()) {
            return vectors;
        }
        List<TokenSequence> sequences = tokenizer.encode(texts.stream().map(text -> Objects.requireNonNull(text, "text")).toList());
        List<Integer> order = IntStream.range(0, texts.size()).boxed()
                .sorted(Comparator.comparingInt(i -> sequences.get(i).length())).toList();
        int hidden = config.hiddenSize();
        for (int start = 0; start < order.size(); start += BATCH) {
            List<Integer> indices = order.subList(start, Math.min(order.size(), start + BATCH));
            List<TokenSequence> batch = new ArrayList<>(indices.size());
            indices.forEach(i -> batch.add(sequences.get(i)));
            List<float[]> states = model.forward(EncoderBatch.of(batch, tokenizer.padId()));
            for (int b = 0; b < indices.size(); b++) {
                vectors[indices.get(b)] = VectorMatrix.normalise(pool(states.get(b), hidden));
            }
        }
        return vectors;
    }

    private float[] pool(float[] states, int hidden) {
        float[] vector = new float[hidden];
        if (pooling == Pooling.CLS) {
            System.arraycopy(states, 0, vector, 0, hidden);
            return vector;
        }
        int tokens = states.length / hidden;
        for (int t = 0; t < tokens; t++) {
            for (int h = 0; h < hidden; h++) {
                vector[h] += states[t * hidden + h];
            }
        }
        for (int h = 0; h < hidden; h++) {
            vector[h] /= tokens;
        }
        return vector;
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
