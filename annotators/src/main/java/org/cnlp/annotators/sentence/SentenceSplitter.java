package org.cnlp.annotators.sentence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits clinical text into sentences. Immutable and thread safe.
 *
 * <p>A sentence ends at {@code . ! ?} followed by whitespace, the end of the text, or a comma
 * glued to the next word (MTSamples joins its lines so: {@code "...cheaper.,2.  Samples..."};
 * {@code "etc., and"} is an ordinary comma), except:
 * <ul>
 *   <li>after a {@linkplain Abbreviations listed abbreviation} ({@code Dr.}, {@code e.g.} never;
 *       {@code b.i.d.}, {@code mg.} only before a capitalised word or a numbered item, or when
 *       an MTSamples comma follows);</li>
 *   <li>after a single capital letter ({@code E. coli}, {@code J. Smith});</li>
 *   <li>after the number that opens a list item ({@code "1. She will try..."}: the {@code 1.}
 *       starts the sentence, it is not one);</li>
 *   <li>before a lower-case word, unless the word before the period is a number or has four or
 *       more letters ({@code "pt. is"} goes on, {@code "No fever. cough..."} splits).</li>
 * </ul>
 * Decimals never split ({@code 2.5 mg}: no whitespace after the point). A line break ends a
 * sentence at a blank line, after {@code . ! ? : ;}, before or after a list item, before a
 * {@code Header:} line and after an upper-case line; it does not when the next line starts in
 * lower case or the line ends in a comma, hyphen or function word (wrapped text). With
 * {@code newlineIsBoundary} every line break ends a sentence. A colon followed by a numbered
 * item ({@code "Plan: 1. ..."}) ends the sentence before the item. Sentences are trimmed of
 * whitespace and commas; text without a letter or digit, or a list number alone, makes none.
 */
public final class SentenceSplitter {

    private static final Set<String> FUNCTION_WORDS = Set.of(
            "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
            "is", "was", "are", "were", "be", "been", "but", "than", "that", "his", "her", "their", "no", "not",
            "per", "without", "into", "over", "under", "after", "before", "about");

    private final Abbreviations abbreviations;
    private final boolean newlineIsBoundary;

    /**
     * @param abbreviations     periods that do not end a sentence
     * @param newlineIsBoundary whether every line break ends a sentence
     */
    public SentenceSplitter(Abbreviations abbreviations, boolean newlineIsBoundary) {
        this.abbreviations = abbreviations;
        this.newlineIsBoundary = newlineIsBoundary;
    }

    /** The standard splitter: bundled abbreviations, line breaks judged by context. */
    public static SentenceSplitter standard() {
        return new SentenceSplitter(Abbreviations.bundled(), false);
    }

    /**
     * A section of the text to split: {@code [begin, end)}, with its header at
     * {@code [headerBegin, headerEnd)} ({@code headerBegin == headerEnd} when it has none).
     */
    public record Region(int begin, int end, int headerBegin, int headerEnd) {
    }

    /**
     * Sentences of a text cut into sections (in order): each header is a sentence of its own, no
     * sentence crosses a section boundary, text outside the sections is split as it is.
     */
    public List<SentenceSpan> split(String text, List<Region> sections) {
        List<SentenceSpan> out = new ArrayList<>();
        int cursor = 0;
        for (Region section : sections) {
            int begin = Math.max(cursor, section.begin());
            if (begin >= section.end()) {
                continue;
            }
            split(text, cursor, begin, out);
            int bodyBegin = begin;
            if (section.headerEnd() > section.headerBegin() && section.headerBegin() >= begin) {
                out.add(new SentenceSpan(section.headerBegin(), section.headerEnd()));
                bodyBegin = section.headerEnd();
            }
            split(text, bodyBegin, section.end(), out);
            cursor = section.end();
        }
        split(text, cursor, text.length(), out);
        return out;
    }

    /** Sentences of the whole text. */
    public List<SentenceSpan> split(String text) {
        List<SentenceSpan> out = new ArrayList<>();
        split(text, 0, text.length(), out);
        return out;
    }

    /** Adds the sentences of {@code text[begin, end)} to {@code out}, offsets into {@code text}. */
    public void split(String text, int begin, int end, List<SentenceSpan> out) {
        int start = -1;
        int i = begin;
        while (i < end) {
            char c = text.charAt(i);
            if (start < 0) {
                if (Character.isWhitespace(c) || c == ',') {
                    i++;
                    continue;
                }
                start = i;
            }
            if (c == '\n') {
                if (lineBreakEnds(text, start, i, end)) {
                    close(text, start, i, out);
                    start = -1;
                }
                i++;
            } else if (c == '.' || c == '!' || c == '?') {
                int after = i + 1;
                while (after < end && ".!?".indexOf(text.charAt(after)) >= 0) {
                    after++;
                }
                while (after < end && ")]\"'\u2019\u201D".indexOf(text.charAt(after)) >= 0) {
                    after++;
                }
                if (periodEnds(text, start, i, after, end)) {
                    close(text, start, after, out);
                    start = -1;
                }
                i = after;
            } else if (c == ':' && numberedItemAt(text, skipSpacesAndCommas(text, i + 1, end), end)) {
                close(text, start, i + 1, out);
                start = -1;
                i++;
            } else {
                i++;
            }
        }
        if (start >= 0) {
            close(text, start, end, out);
        }
    }

    private boolean periodEnds(String text, int start, int mark, int after, int end) {
        int j = after;
        boolean joiner = j + 1 < end && text.charAt(j) == ',' && !Character.isWhitespace(text.charAt(j + 1));
        if (joiner) {
            j++;
        }
        if (j < end && !joiner && !Character.isWhitespace(text.charAt(j))) {
            return false;
        }
        int k = j;
        while (k < end && (Character.isWhitespace(text.charAt(k)) || text.charAt(k) == ',')) {
            k++;
        }
        if (k >= end) {
            return true;
        }
        char next = text.charAt(k);
        if (text.charAt(mark) != '.' || after - mark > 1 && text.charAt(mark + 1) != '.') {
            return true;
        }
        String word = wordBefore(text, start, mark);
        if (isListNumber(text, start, mark)) {
            return false;
        }
        if (word.isEmpty()) {
            return !Character.isLowerCase(next);
        }
        Abbreviations.Kind kind = abbreviations.kindOf(word);
        if (kind == Abbreviations.Kind.TITLE) {
            return false;
        }
        if (joiner) {
            return true;
        }
        if (kind == Abbreviations.Kind.SUFFIX || word.indexOf('.') >= 0) {
            return Character.isUpperCase(next) || numberedItemAt(text, k, end);
        }
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return false;
        }
        if (Character.isLowerCase(next)) {
            return isDigits(word) || word.length() >= 4;
        }
        return true;
    }

    /** The letters, digits and inner periods right before {@code mark}: {@code "b.i.d"}, {@code "Dr"}. */
    private static String wordBefore(String text, int start, int mark) {
        int b = mark;
        while (b > start && (Character.isLetterOrDigit(text.charAt(b - 1)) || text.charAt(b - 1) == '.')) {
            b--;
        }
        while (b < mark && text.charAt(b) == '.') {
            b++;
        }
        return text.substring(b, mark);
    }

    /** Whether the sentence so far is only a one- or two-digit number: the {@code 1.} of a list item. */
    private static boolean isListNumber(String text, int start, int mark) {
        int len = mark - start;
        return len >= 1 && len <= 2 && isDigits(text.substring(start, mark));
    }

    private boolean lineBreakEnds(String text, int start, int newline, int end) {
        if (newlineIsBoundary) {
            return true;
        }
        int next = skipSpaces(text, newline + 1, end);
        if (next >= end || text.charAt(next) == '\n' || text.charAt(next) == '\r') {
            return true;
        }
        int lineStart = lineStart(text, start, newline);
        int last = newline;
        while (last > lineStart && Character.isWhitespace(text.charAt(last - 1))) {
            last--;
        }
        if (last == lineStart) {
            return false;
        }
        char prev = text.charAt(last - 1);
        if (".!?:;".indexOf(prev) >= 0 || listItemAt(text, next, end) || headerLineAt(text, next, end)) {
            return true;
        }
        char first = text.charAt(next);
        if (Character.isLowerCase(first) || prev == ',' || prev == '-' || prev == '(' || prev == '/') {
            return false;
        }
        if (listItemAt(text, skipSpaces(text, lineStart, last), last) || isUpperLine(text, lineStart, last)) {
            return true;
        }
        return !FUNCTION_WORDS.contains(lastWord(text, lineStart, last));
    }

    private static int lineStart(String text, int from, int newline) {
        int i = newline;
        while (i > from && text.charAt(i - 1) != '\n') {
            i--;
        }
        return i;
    }

    private static String lastWord(String text, int lineStart, int last) {
        int b = last;
        while (b > lineStart && Character.isLetter(text.charAt(b - 1))) {
            b--;
        }
        return text.substring(b, last).toLowerCase(Locale.ROOT);
    }

    private static boolean isUpperLine(String text, int from, int to) {
        boolean letter = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            letter |= Character.isLetter(c);
        }
        return letter;
    }

    /** A bullet ({@code - * •}) or numbered item ({@code 1. 2) a.}) followed by a blank. */
    private static boolean listItemAt(String text, int i, int end) {
        if (i >= end) {
            return false;
        }
        char c = text.charAt(i);
        if ((c == '-' || c == '*' || c == '\u2022' || c == '\u00B7') && i + 1 < end
                && Character.isWhitespace(text.charAt(i + 1))) {
            return true;
        }
        return numberedItemAt(text, i, end);
    }

    private static boolean numberedItemAt(String text, int i, int end) {
        int j = i;
        while (j < end && j - i < 2 && Character.isDigit(text.charAt(j))) {
            j++;
        }
        if (j == i || j + 1 >= end) {
            return false;
        }
        char mark = text.charAt(j);
        return (mark == '.' || mark == ')') && (text.charAt(j + 1) == ' ' || text.charAt(j + 1) == '\t');
    }

    /** A line opening with a capitalised {@code Header:} of at most five words. */
    private static boolean headerLineAt(String text, int i, int end) {
        if (i >= end || !Character.isUpperCase(text.charAt(i))) {
            return false;
        }
        int words = 1;
        for (int j = i + 1; j < end && j - i <= 40; j++) {
            char c = text.charAt(j);
            if (c == ':') {
                return true;
            }
            if (c == ' ') {
                words++;
            } else if (!Character.isLetter(c) && c != '/' && c != '&' && c != '-') {
                return false;
            }
            if (words > 5) {
                return false;
            }
        }
        return false;
    }

    private static int skipSpaces(String text, int from, int end) {
        int i = from;
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int skipSpacesAndCommas(String text, int from, int end) {
        int i = from;
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == ',')) {
            i++;
        }
        return i;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void close(String text, int start, int end, List<SentenceSpan> out) {
        int e = end;
        while (e > start && (Character.isWhitespace(text.charAt(e - 1)) || text.charAt(e - 1) == ',')) {
            e--;
        }
        if (isBareListMarker(text, start, e)) {
            return;
        }
        for (int i = start; i < e; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                out.add(new SentenceSpan(start, e));
                return;
            }
        }
    }

    /** A list number with nothing after it ({@code "2."} at the end of a truncated note). */
    private static boolean isBareListMarker(String text, int start, int end) {
        int len = end - start;
        char last = text.charAt(end - 1);
        return len >= 2 && len <= 3 && (last == '.' || last == ')') && isDigits(text.substring(start, end - 1));
    }
}
