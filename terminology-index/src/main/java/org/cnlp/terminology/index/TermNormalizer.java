package org.cnlp.terminology.index;

import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.cnlp.terminology.index.internal.GreekLetters;

/**
 * The normalisation behind exact name matching, public so that a dictionary annotator normalises text
 * exactly as the index normalised its names.
 *
 * <p>{@link #normalize} lower-cases, folds accents and ligatures to ASCII ({@code Sjögren} →
 * {@code sjogren}), spells Greek letters out ({@code α} → {@code alpha}), drops the possessive
 * {@code 's} ({@code Alzheimer's disease} → {@code alzheimer disease}) and other apostrophes
 * ({@code O'Brien} → {@code obrien}), and turns every run of other punctuation or white space into one
 * space ({@code Type-2  diabetes,} → {@code type 2 diabetes}).
 *
 * <p>It is compositional: for any {@code a} and {@code b}, {@code normalize(a + " " + b)} equals
 * {@code normalize(a)} and {@code normalize(b)} joined by one space (or whichever of the two is not
 * empty), so an annotator may normalise tokens one by one and join them.
 *
 * <p>Stateless and thread-safe.
 */
public final class TermNormalizer {

    private TermNormalizer() {
    }

    /**
     * Normalises a name or a span of text for exact matching.
     *
     * @param text any text
     * @return the normalised form, empty when {@code text} has no letter or digit
     */
    public static String normalize(CharSequence text) {
        int length = text.length();
        StringBuilder out = new StringBuilder(length);
        char[] one = new char[1];
        char[] folded = null;
        boolean pendingSpace = false;
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (isApostrophe(c)) {
                if (i + 1 < length && (text.charAt(i + 1) == 's' || text.charAt(i + 1) == 'S')
                        && (i + 2 == length || !isWordChar(text, i + 2))) {
                    i += 2;
                } else {
                    i++;
                }
                continue;
            }
            if (c < 0x80) {
                if (isAsciiLetterOrDigit(c)) {
                    pendingSpace = appendSpaceIfPending(out, pendingSpace);
                    out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
                } else {
                    pendingSpace = true;
                }
                i++;
                continue;
            }
            String greek = GreekLetters.nameOf(c);
            if (greek != null) {
                pendingSpace = appendSpaceIfPending(out, pendingSpace);
                out.append(greek);
                i++;
                continue;
            }
            int codePoint = Character.codePointAt(text, i);
            int width = Character.charCount(codePoint);
            int type = Character.getType(codePoint);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.FORMAT) {
                i += width;
                continue;
            }
            if (!Character.isLetterOrDigit(codePoint)) {
                pendingSpace = true;
                i += width;
                continue;
            }
            if (width == 1) {
                if (folded == null) {
                    folded = new char[8];
                }
                one[0] = c;
                int n = ASCIIFoldingFilter.foldToASCII(one, 0, folded, 0, 1);
                for (int k = 0; k < n; k++) {
                    char f = folded[k];
                    if (Character.isLetterOrDigit(f)) {
                        pendingSpace = appendSpaceIfPending(out, pendingSpace);
                        out.append(Character.toLowerCase(f));
                    }
                }
            } else {
                pendingSpace = appendSpaceIfPending(out, pendingSpace);
                out.appendCodePoint(Character.toLowerCase(codePoint));
            }
            i += width;
        }
        return out.toString();
    }

    private static boolean appendSpaceIfPending(StringBuilder out, boolean pendingSpace) {
        if (pendingSpace && !out.isEmpty()) {
            out.append(' ');
        }
        return false;
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u2018' || c == '\u02bc' || c == '`' || c == '\u00b4';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isWordChar(CharSequence text, int index) {
        char c = text.charAt(index);
        if (isApostrophe(c)) {
            return false;
        }
        return Character.isLetterOrDigit(Character.codePointAt(text, index)) || GreekLetters.nameOf(c) != null;
    }
}
