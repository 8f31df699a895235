package org.cnlp.annotators.assertion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AssertionLexiconTest {

    @Test
    void longestPhraseWinsAndPseudoConsumesItsTokens() {
        AssertionLexicon lexicon = AssertionLexicon.parse(List.of(
                "no\tNEGATED\tforward", "no evidence of\tNEGATED\tforward", "no increase\tPSEUDO", "but\tTERMINATE\tall"));
        String text = "no evidence of x but no increase";
        List<AssertionLexicon.Match> matches = lexicon.match(ContextAnalyzer.tokens(text, 0, text.length()));
        assertEquals(3, matches.size());
        assertEquals(3, matches.get(0).end() - matches.get(0).start());
        assertEquals(AssertionLexicon.Kind.TERMINATE, matches.get(1).rule().kind());
        assertEquals(AssertionLexicon.Kind.PSEUDO, matches.get(2).rule().kind());
    }

    @Test
    void phrasesAreTokenizedLikeTheTextIgnoringHyphens() {
        AssertionLexicon lexicon = AssertionLexicon.parse(List.of("r/o\tUNCERTAIN\tforward", "gram negative\tPSEUDO"));
        String text = "R/O gram-negative";
        List<AssertionLexicon.Match> matches = lexicon.match(ContextAnalyzer.tokens(text, 0, text.length()).stream()
                .filter(t -> !t.norm().equals("-")).toList());
        assertEquals(2, matches.size());
    }

    @Test
    void bundledLexiconParses() {
        assertTrue(AssertionLexicon.bundled().size() > 250);
    }

    @Test
    void rejectsMalformedLines() {
        assertThrows(IllegalArgumentException.class, () -> AssertionLexicon.parse(List.of("no\tNEGATIVE\tforward")));
        assertThrows(IllegalArgumentException.class, () -> AssertionLexicon.parse(List.of("no\tNEGATED\tsideways")));
        assertThrows(IllegalArgumentException.class, () -> AssertionLexicon.parse(List.of("no")));
    }
}
