package org.cnlp.distill.data;

import org.cnlp.model.tokenizer.TokenSequence;

/**
 * One training window: its tokens (special tokens included) and, for each token, the tags the
 * gold annotation allows and whether the token counts in the loss.
 *
 * @param tokens the window's tokens
 * @param allowed {@code length * tags} values, 1 where the gold allows the tag, token-major
 * @param weights one value per token: 1 for the first sub-token of a word, 0 for special tokens
 *     and later sub-tokens (their tag follows the word's)
 */
public record TaggedWindow(TokenSequence tokens, float[] allowed, float[] weights) {

    public TaggedWindow {
        if (weights.length != tokens.length() || allowed.length % Math.max(1, tokens.length()) != 0) {
            throw new IllegalArgumentException("window arrays do not agree with its " + tokens.length() + " tokens");
        }
    }

    /** The number of tokens. */
    public int length() {
        return tokens.length();
    }

    /** The number of tokens that count in the loss. */
    public int weightedTokens() {
        int n = 0;
        for (float w : weights) {
            n += w > 0 ? 1 : 0;
        }
        return n;
    }
}
