package org.cnlp.model.encoder;

import java.util.List;

/**
 * Runs a token model on batches, whatever the engine: DJL PyTorch ({@link TokenModel}) or an
 * exported graph on another runtime. Implementations are thread-safe and own their native
 * memory: close once, after the last forward.
 */
public interface TokenRunner extends AutoCloseable {

    /** The width of each token's output. */
    int outputSize();

    /** The longest sequence a batch may hold. */
    int maxSequenceLength();

    /**
     * Runs a batch and returns each sequence's rows: element {@code b} holds
     * {@code sequenceLength(b) * outputSize} values, token-major, padding rows dropped.
     */
    List<float[]> forward(EncoderBatch batch);

    /** Which engine and device run it, for logs and {@code /models} ({@code PyTorch cpu()}). */
    String engineDescription();

    @Override
    void close();
}
