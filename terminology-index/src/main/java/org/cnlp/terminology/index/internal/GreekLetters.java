package org.cnlp.terminology.index.internal;

import java.util.Map;
import java.util.TreeMap;

import org.apache.lucene.analysis.charfilter.NormalizeCharMap;

/**
 * Spells Greek letters out in Latin ({@code α} → {@code alpha}), as biomedical names are written both
 * ways ({@code α-tocopherol}, {@code alpha-tocopherol}). Shared by the normaliser and the analyzers so
 * that both see the same text.
 */
public final class GreekLetters {

    private static final String[] LOWER_NAMES = {
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
        "nu", "xi", "omicron", "pi", "rho", "sigma", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"
    };
    private static final char LOWER_ALPHA = '\u03b1';
    private static final char UPPER_ALPHA = '\u0391';
    private static final char MICRO_SIGN = '\u00b5';

    private static final NormalizeCharMap CHAR_MAP = buildCharMap();

    private GreekLetters() {
    }

    /**
     * @param c a character
     * @return the lower-case Latin name of {@code c} if it is a Greek letter (or the micro sign), else null
     */
    public static String nameOf(char c) {
        if (c >= LOWER_ALPHA && c < LOWER_ALPHA + LOWER_NAMES.length) {
            return LOWER_NAMES[c - LOWER_ALPHA];
        }
        if (c >= UPPER_ALPHA && c < UPPER_ALPHA + LOWER_NAMES.length && c != '\u03a2') {
            return LOWER_NAMES[c - UPPER_ALPHA];
        }
        if (c == MICRO_SIGN) {
            return "mu";
        }
        return null;
    }

    /** @return an immutable char map for Lucene's {@code MappingCharFilter} doing the same as {@link #nameOf} */
    public static NormalizeCharMap charMap() {
        return CHAR_MAP;
    }

    private static Map<Character, String> all() {
        Map<Character, String> map = new TreeMap<>();
        for (int i = 0; i < LOWER_NAMES.length; i++) {
            map.put((char) (LOWER_ALPHA + i), LOWER_NAMES[i]);
            if (UPPER_ALPHA + i != '\u03a2') {
                map.put((char) (UPPER_ALPHA + i), LOWER_NAMES[i]);
            }
        }
        map.put(MICRO_SIGN, "mu");
        return map;
    }

    private static NormalizeCharMap buildCharMap() {
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        all().forEach((c, name) -> builder.add(String.valueOf(c), name));
        return builder.build();
    }
}
