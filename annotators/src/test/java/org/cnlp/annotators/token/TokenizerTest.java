package org.cnlp.annotators.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TokenizerTest {

    private static List<String> texts(String text) {
        return Tokenizer.standard().tokenize(text).stream().map(t -> text.substring(t.begin(), t.end())).toList();
    }

    private static List<TokenKind> kinds(String text) {
        return Tokenizer.standard().tokenize(text).stream().map(TokenSpan::kind).toList();
    }

    @Test
    void splitsOnWhitespaceAndPunctuation() {
        assertEquals(List.of("No", "fever", ",", "chills", ";", "BP", "124", "/", "78", "."),
                texts("No fever, chills;\tBP 124/78."));
    }

    @Test
    void keepsDecimalsAndThousands() {
        assertEquals(List.of("Aspirin", "2.5", "mg", "and", "1,000", "units", "."), texts("Aspirin 2.5 mg and 1,000 units."));
        assertEquals(List.of(TokenKind.WORD, TokenKind.NUMBER, TokenKind.WORD, TokenKind.WORD, TokenKind.NUMBER,
                TokenKind.WORD, TokenKind.PUNCT), kinds("Aspirin 2.5 mg and 1,000 units."));
    }

    @Test
    void sentenceFinalPeriodAfterNumberIsItsOwnToken() {
        assertEquals(List.of("in", "2015", ".", "Then"), texts("in 2015. Then"));
        assertEquals(List.of("1", ",", "2", ",", "3"), texts("1,2,3"));
        assertEquals(List.of("1", ",", "0000"), texts("1,0000"));
    }

    @Test
    void splitsHyphenatedWordsIntoPartsAndHyphen() {
        assertEquals(List.of("non", "-", "small", "-", "cell", "lung", "cancer"), texts("non-small-cell lung cancer"));
        assertEquals(TokenKind.PUNCT, kinds("non-small").get(1));
        assertEquals(List.of("non", "\u2013", "small"), texts("non\u2013small"));
    }

    @Test
    void keepsHyphenatedWordsWhole() {
        Tokenizer keep = new Tokenizer(false);
        String text = "non-small-cell 23-year-old x - y";
        List<String> out = keep.tokenize(text).stream().map(t -> text.substring(t.begin(), t.end())).toList();
        assertEquals(List.of("non-small-cell", "23-year-old", "x", "-", "y"), out);
        assertEquals(TokenKind.WORD, keep.tokenize(text).getFirst().kind());
    }

    @Test
    void splitsApostrophes() {
        assertEquals(List.of("Crohn", "'", "s", "disease"), texts("Crohn's disease"));
        assertEquals(List.of("Alzheimer", "\u2019", "s"), texts("Alzheimer\u2019s"));
    }

    @Test
    void lettersWithDigitsAreOneWord() {
        assertEquals(List.of("B12", "HbA1c", "10mg"), texts("B12 HbA1c 10mg"));
        assertEquals(List.of(TokenKind.WORD, TokenKind.WORD, TokenKind.WORD), kinds("B12 HbA1c 10mg"));
    }

    @Test
    void symbolsAndPunctuation() {
        assertEquals(List.of(TokenKind.NUMBER, TokenKind.SYMBOL, TokenKind.SYMBOL, TokenKind.NUMBER,
                TokenKind.SYMBOL, TokenKind.PUNCT, TokenKind.SYMBOL), kinds("95% >140 \u00B0("+ "\u00B1"));
    }

    @Test
    void unicodeWordsAndInvisibleCharacters() {
        assertEquals(List.of("Sjögren", "syndrome", "naïve"), texts("Sjögren\u00A0syndrome\u200Bnaïve"));
        String decomposed = "Sjo\u0308gren";
        assertEquals(List.of(decomposed), texts(decomposed));
        assertEquals(List.of("a", "\uD83D\uDE00", "b"), texts("a\uD83D\uDE00b"));
        assertEquals(TokenKind.SYMBOL, kinds("a\uD83D\uDE00b").get(1));
    }

    @Test
    void tokenizesARegionWithAbsoluteOffsets() {
        String text = "xx fever yy";
        List<int[]> spans = new ArrayList<>();
        Tokenizer.standard().tokenize(text, 3, 8, (b, e, k) -> spans.add(new int[] {b, e}));
        assertEquals(1, spans.size());
        assertEquals(3, spans.getFirst()[0]);
        assertEquals(8, spans.getFirst()[1]);
    }

    @Test
    void randomTextNeverSplitsWordsOrKeepsWhitespace() {
        long seed = 20260127L;
        Random random = new Random(seed);
        String alphabet = "abcXYZ019 .,;:-'/()\n\t%+\u00E9\u2013\u00A0";
        for (int round = 0; round < 300; round++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(80);
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            List<TokenSpan> tokens = Tokenizer.standard().tokenize(text);
            int previousEnd = 0;
            for (TokenSpan t : tokens) {
                String where = "seed " + seed + " round " + round + " text '" + text + "'";
                assertTrue(t.begin() >= previousEnd && t.end() > t.begin(), where);
                for (int i = t.begin(); i < t.end(); i++) {
                    assertFalse(Character.isWhitespace(text.charAt(i)) || Character.isSpaceChar(text.charAt(i)), where);
                }
                assertFalse(t.begin() > 0 && isLetter(text, t.begin() - 1) && isLetter(text, t.begin()), where);
                assertFalse(t.end() < text.length() && isLetter(text, t.end() - 1) && isLetter(text, t.end()), where);
                previousEnd = t.end();
            }
            int covered = tokens.stream().mapToInt(t -> t.end() - t.begin()).sum();
            long visible = text.chars().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)).count();
            assertEquals(visible, covered, "every visible character is in a token: '" + text + "'");
        }
    }

    private static boolean isLetter(String text, int i) {
        return Character.isLetterOrDigit(text.charAt(i));
    }
}
