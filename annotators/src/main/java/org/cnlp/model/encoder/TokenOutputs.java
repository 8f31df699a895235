package org.cnlp.model.encoder;

import java.util.Arrays;

/**
 * One model output vector per text token (special tokens removed, windows merged) with the
 * token's exact character span in the text and its word index. Immutable.
 */
public final class TokenOutputs {

    private final int width;
    private final float[] values;
    private final int[] starts;
    private final int[] ends;
    private final int[] wordIds;

    public TokenOutputs(int width, float[] values, int[] starts, int[] ends, int[] wordIds) {
        if (values.length != starts.length * width || ends.length != starts.length || wordIds.length != starts.length) {
            throw new IllegalArgumentException("token output arrays do not agree");
        }
        this.width = width;
        this.values = values;
        this.starts = starts;
        this.ends = ends;
        this.wordIds = wordIds;
    }

    /** The number of text tokens. */
    public int size() {
        return starts.length;
    }

    /** The width of each token's vector. */
    public int width() {
        return width;
    }

    /** Element {@code k} of token {@code i}'s vector. */
    public float get(int i, int k) {
        return values[i * width + k];
    }

    /** Token {@code i}'s vector (a copy). */
    public float[] vector(int i) {
        return Arrays.copyOfRange(values, i * width, (i + 1) * width);
    }

    /** The first character of token {@code i} in the text. */
    public int charStart(int i) {
        return starts[i];
    }

    /** One past the last character of token {@code i}. */
    public int charEnd(int i) {
        return ends[i];
    }

    /** The word token {@code i} belongs to (sub-word pieces of one word share it). */
    public int wordId(int i) {
        return wordIds[i];
    }

    /** The character span {@code [begin, end)} covered by tokens {@code [fromToken, toToken)}. */
    public int[] span(int fromToken, int toToken) {
        if (fromToken < 0 || toToken <= fromToken || toToken > size()) {
            throw new IndexOutOfBoundsException("tokens [" + fromToken + ", " + toToken + ") of " + size());
        }
        return new int[] {starts[fromToken], ends[toToken - 1]};
    }
}
