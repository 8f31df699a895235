package org.cnlp.annotators.assertion;

/** The offsets {@code [begin, end)} of a mention to assess, in the same text as the tokens. */
public record EntitySpan(int begin, int end) {

    /** Whether {@code [b, e)} and this span share a character. */
    boolean overlaps(int b, int e) {
        return begin < e && b < end;
    }
}
