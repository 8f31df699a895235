package org.cnlp.annotators.token;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The {@code norm} of a token: lower case, accents removed (NFKD, combining marks dropped),
 * typographic quotes and dashes folded to ASCII ({@code ’ → '}, {@code – → -}).
 */
public final class TokenNormalizer {

    private static final String[] ASCII_SINGLE = new String[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_SINGLE[c] = String.valueOf(Character.toLowerCase(c)).intern();
        }
    }

    private TokenNormalizer() {
    }

    /** Norm of {@code text[begin, end)}. */
    public static String norm(CharSequence text, int begin, int end) {
        if (end - begin == 1) {
            char c = text.charAt(begin);
            if (c < 128) {
                return ASCII_SINGLE[c];
            }
        }
        boolean ascii = true;
        boolean lower = true;
        for (int i = begin; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                ascii = false;
                break;
            }
            if (c >= 'A' && c <= 'Z') {
                lower = false;
            }
        }
        if (ascii) {
            String s = text.subSequence(begin, end).toString();
            return lower ? s : s.toLowerCase(Locale.ROOT);
        }
        return fold(text.subSequence(begin, end).toString());
    }

    /** Norm of a whole string. */
    public static String norm(String s) {
        return norm(s, 0, s.length());
    }

    private static String fold(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                continue;
            }
            switch (c) {
                case '\u2018', '\u2019', '\u201B', '\u2032' -> out.append('\'');
                case '\u201C', '\u201D', '\u201F', '\u2033' -> out.append('"');
                case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> out.append('-');
                case '\u00DF' -> out.append("ss");
                default -> out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
