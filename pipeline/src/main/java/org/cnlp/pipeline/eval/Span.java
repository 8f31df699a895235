package org.cnlp.pipeline.eval;

import java.util.Objects;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument.Mention;

/**
 * A typed character span, the unit of NER evaluation.
 *
 * @param begin begin offset
 * @param end   end offset (exclusive)
 * @param type  entity type, raw or normalised
 */
public record Span(int begin, int end, String type) {

    public Span {
        Objects.requireNonNull(type, "type");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("bad span " + begin + "-" + end);
        }
    }

    /** The span and type of a PubTator mention. */
    public static Span of(Mention mention) {
        return new Span(mention.begin(), mention.end(), mention.type());
    }
}
