package org.cnlp.annotators.token;

/** A token's offsets {@code [begin, end)} in the text it was cut from, and its kind. */
public record TokenSpan(int begin, int end, TokenKind kind) {
}
