package org.cnlp.annotators.token;

/** What a token is; its {@link #name()} is the value of {@code Token.kind}. */
public enum TokenKind {
    /** Letters, possibly with digits: {@code fever}, {@code B12}, {@code COVID19}. */
    WORD,
    /** Digits, with at most one decimal point and thousands separators: {@code 2.5}, {@code 1,000}. */
    NUMBER,
    /** One punctuation character: {@code . , ; : - ' / ( )}. */
    PUNCT,
    /** One symbol character: math, currency, modifier or other symbols and {@code % # & @}. */
    SYMBOL
}
