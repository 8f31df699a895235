package org.cnlp.annotators.token;

/** Receives tokens as {@link Tokenizer} finds them, in text order, without allocating spans. */
@FunctionalInterface
public interface TokenSink {

    /** A token at {@code [begin, end)} of the tokenized text. */
    void token(int begin, int end, TokenKind kind);
}
