package org.cnlp.model.ner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.cnlp.model.encoder.TokenOutputs;
import org.junit.jupiter.api.Test;

class BioDecoderTest {

    private static final LabelScheme SCHEME = LabelScheme.of("Disease", "Chemical");

    /** Tokens of "lung cancer after cis ##platin ok": one tag per token, with word ids and offsets. */
    private static TokenOutputs outputs(int... tags) {
        int[] starts = {0, 5, 12, 18, 21, 28};
        int[] ends = {4, 11, 17, 21, 27, 30};
        int[] words = {0, 1, 2, 3, 3, 4};
        float[] logits = new float[tags.length * SCHEME.size()];
        for (int i = 0; i < tags.length; i++) {
            logits[i * SCHEME.size() + tags[i]] = 4;
        }
        return new TokenOutputs(SCHEME.size(), logits, starts, ends, words);
    }

    private static List<String> decode(int... tags) {
        return new BioDecoder(SCHEME).decode(outputs(tags)).stream().map(s -> s.type() + ":" + s.begin() + "-" + s.end()).toList();
    }

    /** The same words, one row of logits per token (the fourth word's second sub-token included). */
    private static List<String> decode(float[][] rows) {
        int[] starts = {0, 5, 12, 18, 21, 28};
        int[] ends = {4, 11, 17, 21, 27, 30};
        int[] words = {0, 1, 2, 3, 3, 4};
        float[] logits = new float[rows.length * SCHEME.size()];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, logits, i * SCHEME.size(), SCHEME.size());
        }
        return new BioDecoder(SCHEME).decode(new TokenOutputs(SCHEME.size(), logits, starts, ends, words)).stream()
                .map(s -> s.type() + ":" + s.begin() + "-" + s.end()).toList();
    }

    @Test
    void spansFollowTheFirstSubTokenOfEachWordAndEndOnTheLastCharacter() {
        assertEquals(List.of("Disease:0-11", "Chemical:18-27"), decode(1, 2, 0, 3, 0, 0));
        // the second sub-token's own tag is ignored: the word is one Chemical
        assertEquals(List.of("Chemical:18-27"), decode(0, 0, 0, 3, 1, 0));
    }

    @Test
    void theMostProbableValidSequenceWins() {
        // I-Disease cannot start a text: the best valid reading makes it B-Disease
        assertEquals(List.of("Disease:0-11"), decode(2, 2, 0, 0, 0, 0));
        assertEquals(List.of("Disease:0-4", "Disease:5-11"), decode(1, 1, 0, 0, 0, 0));
        // "cancer" leans I-Chemical (3) over I-Disease (2.5), but I-Chemical cannot follow B-Disease
        float[][] words = {{0, 4, 0, 0, 0}, {0, 0, 2.5f, 0, 3}, {4, 0, 0, 0, 0}, {4, 0, 0, 0, 0}, {4, 0, 0, 0, 0}, {4, 0, 0, 0, 0}};
        assertEquals(List.of("Disease:0-11"), decode(words));
        // B O I: the sequence's odds decide between one span over all three words and a span plus O
        float[][] gap = {{0, 4, 0, 0, 0}, {2, 0, 1.8f, 0, 0}, {0, 0, 4, 0, 0}, {4, 0, 0, 0, 0}, {4, 0, 0, 0, 0}, {4, 0, 0, 0, 0}};
        assertEquals(List.of("Disease:0-17"), decode(gap));
    }

    @Test
    void confidenceIsTheMeanProbabilityOfTheSpanWords() {
        NerSpan span = new BioDecoder(SCHEME).decode(outputs(1, 2, 0, 0, 0, 0)).getFirst();
        double p = Math.exp(4) / (Math.exp(4) + 4);
        assertEquals(p, span.confidence(), 1e-5);
    }
}
