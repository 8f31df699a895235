package org.cnlp.annotators.token;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule-based tokenizer for clinical text, one pass over the characters. Immutable and thread safe.
 *
 * <ul>
 *   <li>Whitespace (and invisible format characters) separates tokens and is never part of one.</li>
 *   <li>A run of letters and digits is one token: {@code WORD} when it holds a letter
 *       ({@code fever}, {@code B12}, {@code 10mg}), otherwise {@code NUMBER}. A number keeps one
 *       decimal point between digits ({@code 2.5}) and thousands separators ({@code 1,000}).</li>
 *   <li>Every other character is a token of its own, {@code SYMBOL} for math, currency and other
 *       symbols and {@code % # & @}, {@code PUNCT} otherwise.</li>
 *   <li>Hyphens split words ({@code non-small-cell → non - small - cell}) unless built with
 *       {@code splitHyphens = false}, which keeps letter-hyphen-letter runs as one {@code WORD}.</li>
 *   <li>Apostrophes always split: {@code Crohn's → Crohn ' s}, {@code don't → don ' t}; the
 *       dictionary tokenizes its terms the same way, so {@code Crohn's disease} matches either.</li>
 * </ul>
 * Tokens therefore never span part of a word: every token boundary is at a change between
 * letter/digit runs, whitespace and punctuation.
 */
public final class Tokenizer {

    private static final byte SPACE = 0;
    private static final byte ALNUM = 1;
    private static final byte PUNCT = 2;
    private static final byte SYMBOL = 3;
    private static final byte[] ASCII = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            if (c <= ' ' || c == 127) {
                ASCII[c] = SPACE;
            } else if (Character.isLetterOrDigit(c)) {
                ASCII[c] = ALNUM;
            } else if ("+<=>^`|~$%#&@".indexOf(c) >= 0) {
                ASCII[c] = SYMBOL;
            } else {
                ASCII[c] = PUNCT;
            }
        }
    }

    private final boolean splitHyphens;

    /** @param splitHyphens whether a hyphen between letters splits the word (it does in the standard tokenizer) */
    public Tokenizer(boolean splitHyphens) {
        this.splitHyphens = splitHyphens;
    }

    /** The tokenizer the pipelines use: hyphens split. */
    public static Tokenizer standard() {
        return new Tokenizer(true);
    }

    /** Tokens of the whole text. */
    public List<TokenSpan> tokenize(CharSequence text) {
        List<TokenSpan> out = new ArrayList<>();
        tokenize(text, 0, text.length(), (b, e, k) -> out.add(new TokenSpan(b, e, k)));
        return out;
    }

    /** Tokens of {@code text[begin, end)}, reported with offsets into {@code text}. */
    public void tokenize(CharSequence text, int begin, int end, TokenSink sink) {
        int i = begin;
        while (i < end) {
            char c = text.charAt(i);
            if (c < 128) {
                byte cls = ASCII[c];
                if (cls == SPACE) {
                    i++;
                } else if (cls == ALNUM) {
                    i = word(text, i, end, sink);
                } else {
                    sink.token(i, i + 1, cls == SYMBOL ? TokenKind.SYMBOL : TokenKind.PUNCT);
                    i++;
                }
                continue;
            }
            int cp = Character.codePointAt(text, i);
            int n = Character.charCount(cp);
            if (isSpace(cp)) {
                i += n;
            } else if (isWordChar(cp)) {
                i = word(text, i, end, sink);
            } else {
                sink.token(i, Math.min(i + n, end), isSymbol(cp) ? TokenKind.SYMBOL : TokenKind.PUNCT);
                i += n;
            }
        }
    }

    /** Reads the letter/digit run at {@code start}, reports it and returns where it ends. */
    private int word(CharSequence text, int start, int end, TokenSink sink) {
        int i = start;
        boolean letter = false;
        boolean decimal = false;
        while (i < end) {
            char c = text.charAt(i);
            if (c < 128) {
                if (ASCII[c] == ALNUM) {
                    letter |= c > '9';
                    i++;
                    continue;
                }
                if (!letter && c == '.' && !decimal && isAsciiDigit(text, i - 1, end) && isAsciiDigit(text, i + 1, end)) {
                    decimal = true;
                    i++;
                    continue;
                }
                if (!letter && c == ',' && !decimal && isThousands(text, i, end)) {
                    i++;
                    continue;
                }
                if (c == '-' && !splitHyphens && i + 1 < end && isWordCharAt(text, i + 1)) {
                    letter = true;
                    i++;
                    continue;
                }
                break;
            }
            int cp = Character.codePointAt(text, i);
            if (isWordChar(cp)) {
                letter |= !Character.isDigit(cp);
                i += Character.charCount(cp);
                continue;
            }
            if (!splitHyphens && isHyphen(cp) && i + 1 < end && isWordCharAt(text, i + 1)) {
                letter = true;
                i++;
                continue;
            }
            break;
        }
        sink.token(start, i, letter ? TokenKind.WORD : TokenKind.NUMBER);
        return i;
    }

    private static boolean isAsciiDigit(CharSequence text, int i, int end) {
        return i >= 0 && i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }

    /** A comma followed by exactly three digits: {@code 1,000} but not {@code 1,2} or {@code 1,0000}. */
    private static boolean isThousands(CharSequence text, int comma, int end) {
        return isAsciiDigit(text, comma - 1, end) && isAsciiDigit(text, comma + 1, end)
                && isAsciiDigit(text, comma + 2, end) && isAsciiDigit(text, comma + 3, end)
                && !isAsciiDigit(text, comma + 4, end);
    }

    private static boolean isWordCharAt(CharSequence text, int i) {
        char c = text.charAt(i);
        return c < 128 ? ASCII[c] == ALNUM : isWordChar(Character.codePointAt(text, i));
    }

    private static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isSpace(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.CONTROL;
    }

    private static boolean isSymbol(int cp) {
        int type = Character.getType(cp);
        return type == Character.MATH_SYMBOL || type == Character.CURRENCY_SYMBOL
                || type == Character.MODIFIER_SYMBOL || type == Character.OTHER_SYMBOL;
    }

    private static boolean isHyphen(int cp) {
        return cp == '\u2010' || cp == '\u2011' || cp == '\u2013';
    }
}
