package org.cnlp.annotators.sentence;

/** A sentence's offsets {@code [begin, end)} in the text it was cut from. */
public record SentenceSpan(int begin, int end) {

    public SentenceSpan {
        if (begin < 0 || end <= begin) {
            throw new IllegalArgumentException("bad sentence span " + begin + ".." + end);
        }
    }
}
