package org.cnlp.terminology.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TermNormalizerTest {

    private static final long SEED = 20260315L;
    private static final String ALPHABET = "abcXYZ019 -,.;'’()/sSαβéüßæ\u0301\t";

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', emptyValue = "", value = {
        "Type-2  Diabetes,            | type 2 diabetes",
        "Alzheimer's disease          | alzheimer disease",
        "Sjögren’s syndrome           | sjogren syndrome",
        "O'Brien                      | obrien",
        "α-Tocopherol                 | alpha tocopherol",
        "IL-6 (interleukin 6)         | il 6 interleukin 6",
        "Straße                       | strasse",
        "Ærosol naïve                 | aerosol naive",
        "HEART ATTACK                 | heart attack",
        "cafe\u0301                   | cafe",
        "patients' records            | patients records",
        "'s                           | \"\"",
        "...                          | \"\""
    })
    void normalizes(String text, String expected) {
        assertEquals(expected, TermNormalizer.normalize(text));
    }

    @Test
    void isCompositionalOverSpaces() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 2000; i++) {
            String a = randomText(random);
            String b = randomText(random);
            String left = TermNormalizer.normalize(a);
            String right = TermNormalizer.normalize(b);
            String joined = left.isEmpty() ? right : right.isEmpty() ? left : left + " " + right;
            assertEquals(joined, TermNormalizer.normalize(a + " " + b), () -> "seed " + SEED + ": '" + a + "' + '" + b + "'");
        }
    }

    @Test
    void isIdempotent() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int i = 0; i < 2000; i++) {
            String once = TermNormalizer.normalize(randomText(random));
            assertEquals(once, TermNormalizer.normalize(once), () -> "seed " + (SEED + 1) + ": '" + once + "'");
        }
    }

    private static String randomText(SplittableRandom random) {
        int length = random.nextInt(12);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
