package org.cnlp.model.ner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpanPunctuationTest {

    /** The text of the span {@code [begin, end)} after mending, or "" when it was dropped. */
    private static String mend(String text, String spanText) {
        int begin = text.indexOf(spanText);
        List<NerSpan> out = SpanPunctuation.mend(text, List.of(new NerSpan("Chemical", begin, begin + spanText.length(), 0.9)));
        return out.isEmpty() ? "" : text.substring(out.getFirst().begin(), out.getFirst().end());
    }

    @Test
    void separatorsAndOpeningBracketsNeverEndASpan() {
        assertEquals("daidzein", mend("with daidzein (DZ) in", "daidzein ("));
        assertEquals("kidney cancer", mend("childhood kidney cancer, and", "kidney cancer,"));
        assertEquals("cancer", mend("breast, cancer", ", cancer"));
    }

    @Test
    void anUnpairedBracketTakesInItsPartnerRightOutsideTheSpan() {
        assertEquals("(2R,4R)-4-aminopyrrolidine", mend("of (2R,4R)-4-aminopyrrolidine was", "2R,4R)-4-aminopyrrolidine"));
        assertEquals("[D-Ser2]-enkephalin", mend("the [D-Ser2]-enkephalin", "D-Ser2]-enkephalin"));
        assertEquals("IL-2 (x", mend("an IL-2 (x y", "IL-2 (x"), "no partner outside: unchanged");
        assertEquals("vitamin (D)", mend("a vitamin (D) b", "vitamin (D)"), "paired brackets stay");
    }

    @Test
    void aSpanOfPunctuationAloneIsDropped() {
        assertEquals("", mend("a ( b", "("));
        assertEquals("", mend("a ,; b", ",;"));
    }

    @Test
    void untouchedSpansAreReturnedAsTheyCame() {
        NerSpan span = new NerSpan("Disease", 0, 4, 0.7);
        assertEquals(List.of(span), SpanPunctuation.mend("gout.", List.of(span)));
    }
}
