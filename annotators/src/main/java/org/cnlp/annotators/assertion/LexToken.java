package org.cnlp.annotators.assertion;

/**
 * A token as the ConText matcher sees it: its norm, its offsets and whether it counts toward the
 * scope window (words and numbers do, punctuation and symbols do not).
 */
public record LexToken(String norm, int begin, int end, boolean counts) {
}
