package org.cnlp.annotators.section;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds section headers in a clinical note and cuts it into sections. Immutable and thread safe.
 *
 * <p>Header forms recognised:
 * <ul>
 *   <li>{@code HEADER:} at the start of a line, upper, title or sentence case
 *       ({@code "Past Medical History: ..."});</li>
 *   <li>MTSamples style, after a comma inside one long line: {@code ",MEDICATIONS: , Her only..."};</li>
 *   <li>an upper-case {@code HEADER:} right after a sentence end ({@code "... stable. PLAN: ..."});</li>
 *   <li>a line holding nothing but a known header, no colon ({@code "HISTORY OF PRESENT ILLNESS"});</li>
 *   <li>MTSamples without a colon: a known upper-case header at the text start or after a comma,
 *       followed by a comma ({@code "PREOPERATIVE DIAGNOSES,Airway obstruction..."}).</li>
 * </ul>
 * Headers listed in the table get their name; unlisted upper/title-case headers are tried against
 * the keyword rules; an unlisted upper-case header with a colon at a line start or in MTSamples
 * position becomes {@value #OTHER}. Subheadings ({@code Neck:}, {@code HEENT:}, {@code BP:})
 * stay inside the current section.
 */
public final class SectionDetector {

    /** Name of the section holding the text before the first header. */
    public static final String NONE = "none";
    /** Name of an upper-case header that the table does not know. */
    public static final String OTHER = "other";

    private static final int MAX_HEADER_CHARS = 60;
    private static final int MAX_HEADER_WORDS = 8;
    private static final int MAX_LINE_HEADER_WORDS = 6;
    private static final int MIN_OTHER_LETTERS = 4;

    private final SectionHeaderTable table;

    /** A header found in the text: {@code [begin, end)} includes the colon when there is one. */
    public record Header(String name, int begin, int end) {
    }

    private enum Position { LINE_START, AFTER_COMMA, AFTER_SENTENCE }

    public SectionDetector(SectionHeaderTable table) {
        this.table = table;
    }

    /** Sections of {@code text}, in order, not overlapping. Blank text has none. */
    public List<DetectedSection> detect(String text) {
        List<Header> headers = findHeaders(text);
        List<DetectedSection> sections = new ArrayList<>(headers.size() + 1);
        int firstHeader = headers.isEmpty() ? text.length() : headers.getFirst().begin();
        int prefaceBegin = skipSeparators(text, 0, firstHeader);
        int prefaceEnd = trimSeparators(text, prefaceBegin, firstHeader);
        if (hasContent(text, prefaceBegin, prefaceEnd)) {
            sections.add(new DetectedSection(NONE, prefaceBegin, prefaceEnd, prefaceBegin, prefaceBegin));
        }
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            int limit = i + 1 < headers.size() ? headers.get(i + 1).begin() : text.length();
            int end = Math.max(h.end(), trimSeparators(text, h.end(), limit));
            sections.add(new DetectedSection(h.name(), h.begin(), end, h.begin(), h.end()));
        }
        return List.copyOf(sections);
    }

    /** Headers of {@code text}, in order of their offsets. */
    public List<Header> findHeaders(String text) {
        List<Header> headers = new ArrayList<>();
        for (int colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
            colonHeader(text, colon).ifPresent(headers::add);
        }
        int lineStart = 0;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            lineHeader(text, lineStart, lineEnd).ifPresent(headers::add);
            lineStart = lineEnd + 1;
        }
        commaHeader(text, 0).ifPresent(headers::add);
        for (int comma = text.indexOf(','); comma >= 0; comma = text.indexOf(',', comma + 1)) {
            commaHeader(text, comma + 1).ifPresent(headers::add);
        }
        headers.sort(Comparator.comparingInt(Header::begin));
        return List.copyOf(headers);
    }

    private Optional<Header> colonHeader(String text, int colon) {
        int j = colon - 1;
        while (j >= 0 && colon - j <= MAX_HEADER_CHARS && isHeaderChar(text.charAt(j))) {
            j--;
        }
        if (j >= 0 && colon - j > MAX_HEADER_CHARS) {
            return Optional.empty();
        }
        int begin = skipBlanks(text, j + 1, colon);
        int wordEnd = trimBlanks(text, begin, colon);
        if (begin >= wordEnd) {
            return Optional.empty();
        }
        Optional<Position> position = position(j < 0 ? '\n' : text.charAt(j));
        if (position.isEmpty()) {
            return Optional.empty();
        }
        String written = text.substring(begin, wordEnd);
        return nameOf(written, position.get(), followedBySeparator(text, colon + 1))
                .map(name -> new Header(name, begin, colon + 1));
    }

    private Optional<Header> lineHeader(String text, int lineStart, int lineEnd) {
        int begin = skipBlanks(text, lineStart, lineEnd);
        int end = trimBlanks(text, begin, lineEnd);
        if (begin >= end || end - begin > MAX_HEADER_CHARS) {
            return Optional.empty();
        }
        for (int i = begin; i < end; i++) {
            if (!isHeaderChar(text.charAt(i))) {
                return Optional.empty();
            }
        }
        String written = text.substring(begin, end);
        if (!Character.isUpperCase(written.charAt(0)) || words(written) > MAX_LINE_HEADER_WORDS || !endsWell(written)) {
            return Optional.empty();
        }
        String norm = SectionHeaderTable.normalize(written);
        Optional<String> name = table.exactName(norm);
        if (name.isEmpty() && !table.isSubheading(norm) && isAllCaps(written)) {
            name = table.keywordName(norm);
        }
        return name.map(n -> new Header(n, begin, end));
    }

    /**
     * MTSamples header without a colon: a known upper-case header from {@code from} (text start,
     * line start or after a comma) up to the comma that stands for the original line break.
     */
    private Optional<Header> commaHeader(String text, int from) {
        int begin = skipBlanks(text, from, text.length());
        int comma = text.indexOf(',', begin);
        if (comma < 0 || comma - begin > MAX_HEADER_CHARS || begin >= comma) {
            return Optional.empty();
        }
        for (int i = begin; i < comma; i++) {
            if (!isHeaderChar(text.charAt(i))) {
                return Optional.empty();
            }
        }
        int end = trimBlanks(text, begin, comma);
        String written = text.substring(begin, end);
        if (!isAllCaps(written) || letters(written) < MIN_OTHER_LETTERS || words(written) > MAX_LINE_HEADER_WORDS
                || !endsWell(written) || !Character.isLetter(written.charAt(0))) {
            return Optional.empty();
        }
        String norm = SectionHeaderTable.normalize(written);
        if (table.isSubheading(norm)) {
            return Optional.empty();
        }
        Optional<String> name = table.exactName(norm).or(() -> table.keywordName(norm));
        return name.map(n -> new Header(n, begin, end));
    }

    private Optional<String> nameOf(String written, Position position, boolean separatorFollows) {
        if (!Character.isUpperCase(firstLetter(written)) || words(written) > MAX_HEADER_WORDS
                || letters(written) < 2 || !endsWell(written)) {
            return Optional.empty();
        }
        String norm = SectionHeaderTable.normalize(written);
        if (table.isSubheading(norm)) {
            return Optional.empty();
        }
        boolean caps = isAllCaps(written);
        if (position == Position.AFTER_SENTENCE && !caps) {
            return Optional.empty();
        }
        Optional<String> exact = table.exactName(norm);
        if (exact.isPresent()) {
            return exact;
        }
        if (caps || isTitleCase(written)) {
            Optional<String> byKeyword = table.keywordName(norm);
            if (byKeyword.isPresent()) {
                return byKeyword;
            }
        }
        boolean otherPosition = position == Position.LINE_START
                || position == Position.AFTER_COMMA && separatorFollows;
        if (caps && otherPosition && letters(written) >= MIN_OTHER_LETTERS) {
            return Optional.of(OTHER);
        }
        return Optional.empty();
    }

    private static Optional<Position> position(char before) {
        return switch (before) {
            case '\n', '\r' -> Optional.of(Position.LINE_START);
            case ',' -> Optional.of(Position.AFTER_COMMA);
            case '.', ';', '!', '?' -> Optional.of(Position.AFTER_SENTENCE);
            default -> Optional.empty();
        };
    }

    /** After the colon: only blanks up to a comma, a line end or the end of the text. */
    private static boolean followedBySeparator(String text, int from) {
        int i = skipBlanks(text, from, text.length());
        return i == text.length() || text.charAt(i) == ',' || text.charAt(i) == '\n' || text.charAt(i) == '\r';
    }

    private static boolean isHeaderChar(char c) {
        return Character.isLetterOrDigit(c) || c == ' ' || c == '\t' || c == '/' || c == '&' || c == '-'
                || c == '(' || c == ')' || c == '\'';
    }

    private static boolean endsWell(String written) {
        char last = written.charAt(written.length() - 1);
        return Character.isLetter(last) || last == ')';
    }

    private static char firstLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return s.charAt(i);
            }
        }
        return ' ';
    }

    private static boolean isAllCaps(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLowerCase(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** First word capitalised and every word of four or more letters capitalised. */
    private static boolean isTitleCase(String s) {
        boolean first = true;
        for (String word : s.split("[\\s/&-]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if ((first || word.length() >= 4) && !Character.isUpperCase(word.charAt(0))) {
                return false;
            }
            first = false;
        }
        return true;
    }

    private static int letters(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private static int words(String s) {
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            boolean w = !Character.isWhitespace(s.charAt(i));
            if (w && !inWord) {
                n++;
            }
            inWord = w;
        }
        return n;
    }

    private static int skipBlanks(String text, int from, int to) {
        int i = from;
        while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int trimBlanks(String text, int from, int to) {
        int i = to;
        while (i > from && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static int skipSeparators(String text, int from, int to) {
        int i = from;
        while (i < to && isSeparator(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimSeparators(String text, int from, int to) {
        int i = to;
        while (i > from && isSeparator(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || c == ',';
    }

    private static boolean hasContent(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
