package org.cnlp.terminology.dense;

import java.util.List;

/**
 * Turns short texts (concept names, entity mentions) into unit-length vectors whose dot product
 * is their similarity. Implementations are thread-safe.
 */
public interface TextEmbedder {

    /** Names the model and its settings; a dense index records it and refuses another. */
    String modelId();

    /** The vector length. */
    int dimension();

    /**
     * One L2-normalised vector of {@link #dimension()} floats per text, in order.
     *
     * @throws IllegalArgumentException for a null text
     */
    float[][] embed(List<String> texts);
}
