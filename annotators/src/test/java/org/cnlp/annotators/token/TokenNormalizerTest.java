package org.cnlp.annotators.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TokenNormalizerTest {

    @Test
    void lowerCasesAndFoldsAccents() {
        assertEquals("fever", TokenNormalizer.norm("Fever"));
        assertEquals("sjogren", TokenNormalizer.norm("Sjögren"));
        assertEquals("sjogren", TokenNormalizer.norm("Sjo\u0308gren"));
        assertEquals("naive", TokenNormalizer.norm("NAÏVE"));
        assertEquals("strasse", TokenNormalizer.norm("Straße"));
        assertEquals("fi", TokenNormalizer.norm("\uFB01"));
    }

    @Test
    void foldsTypographicPunctuation() {
        assertEquals("'", TokenNormalizer.norm("\u2019"));
        assertEquals("-", TokenNormalizer.norm("\u2013"));
        assertEquals("\"", TokenNormalizer.norm("\u201C"));
    }

    @Test
    void normalisesASlice() {
        assertEquals("cell", TokenNormalizer.norm("non-small-CELL", 10, 14));
        assertSame(TokenNormalizer.norm(".", 0, 1), TokenNormalizer.norm("a.", 1, 2));
    }
}
