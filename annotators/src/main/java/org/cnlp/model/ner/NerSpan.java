package org.cnlp.model.ner;

/**
 * An entity found by a tagger.
 *
 * @param type the entity type ({@code Disease}, {@code Chemical}, ...)
 * @param begin first character, in the tagged text
 * @param end one past the last character
 * @param confidence the mean probability of the span's word tags, in (0, 1]
 */
public record NerSpan(String type, int begin, int end, double confidence) {

    public NerSpan {
        if (begin < 0 || end <= begin) {
            throw new IllegalArgumentException("bad span [" + begin + ", " + end + ")");
        }
    }
}
