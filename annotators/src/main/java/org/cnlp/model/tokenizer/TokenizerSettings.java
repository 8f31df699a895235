package org.cnlp.model.tokenizer;

/**
 * How an {@link EncoderTokenizer} cuts and frames text. Padding is never done by the tokenizer:
 * batches are padded when they are assembled, so one tokenizer serves any batch shape.
 *
 * @param maxLength the most tokens of one sequence, special tokens included, when {@code truncate}
 * @param truncate whether sequences longer than {@code maxLength} are cut (off for sliding windows)
 * @param addSpecialTokens whether {@code [CLS]}/{@code [SEP]} (the tokenizer's template) are added
 */
public record TokenizerSettings(int maxLength, boolean truncate, boolean addSpecialTokens) {

    public TokenizerSettings {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be at least 2, got " + maxLength);
        }
    }

    /** Truncating to {@code maxLength}, with special tokens: one model input per text. */
    public static TokenizerSettings truncating(int maxLength) {
        return new TokenizerSettings(maxLength, true, true);
    }

    /** Whole texts with special tokens, for sliding windows over sequences of {@code maxLength}. */
    public static TokenizerSettings untruncated(int maxLength) {
        return new TokenizerSettings(maxLength, false, true);
    }
}
