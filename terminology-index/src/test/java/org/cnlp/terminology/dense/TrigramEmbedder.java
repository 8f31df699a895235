package org.cnlp.terminology.dense;

import java.util.List;
import org.cnlp.terminology.index.TermNormalizer;
import org.cnlp.terminology.knn.VectorMatrix;

/**
 * A small, real embedder for tests: character trigrams of the normalised text hashed into
 * {@code dimension} buckets, L2-normalised, so that spellings sharing most trigrams are near.
 */
public class TrigramEmbedder implements TextEmbedder {

    private final int dimension;
    private final String id;

    public TrigramEmbedder(int dimension) {
        this(dimension, "trigram-" + dimension);
    }

    public TrigramEmbedder(int dimension, String id) {
        this.dimension = dimension;
        this.id = id;
    }

    @Override
    public String modelId() {
        return id;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            String text = " " + TermNormalizer.normalize(texts.get(i)) + " ";
            float[] vector = new float[dimension];
            for (int c = 0; c + 3 <= text.length(); c++) {
                vector[Math.floorMod(text.substring(c, c + 3).hashCode(), dimension)] += 1;
            }
            out[i] = VectorMatrix.normalise(vector);
        }
        return out;
    }
}
