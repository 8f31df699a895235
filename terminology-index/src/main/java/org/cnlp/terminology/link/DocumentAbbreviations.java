package org.cnlp.terminology.link;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The abbreviations a document defines, found the way Schwartz and Hearst (PSB 2003) describe:
 * a short form in parentheses right after its long form, "Wiskott-Aldrich syndrome (WAS)", where
 * every letter and digit of the short form appears in order in the long form and its first
 * character starts a word of it. Linkers use them to read "WAS" later in the same document as
 * "Wiskott-Aldrich syndrome". A short form defined twice keeps its first long form. Immutable.
 */
public final class DocumentAbbreviations {

    /** A document without definitions. */
    public static final DocumentAbbreviations NONE = new DocumentAbbreviations(Map.of());

    private static final Pattern PARENTHESIS = Pattern.compile("\\(([^()]{1,40})\\)");
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:[-'][\\p{L}\\p{N}]+)*");

    private final Map<String, String> longForms;

    private DocumentAbbreviations(Map<String, String> longForms) {
        this.longForms = Collections.unmodifiableMap(longForms);
    }

    /** The definitions in {@code text}. */
    public static DocumentAbbreviations find(String text) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher matcher = PARENTHESIS.matcher(text);
        while (matcher.find()) {
            String inside = matcher.group(1).strip();
            int cut = firstSeparator(inside);
            String shortForm = (cut < 0 ? inside : inside.substring(0, cut)).strip();
            if (!isShortForm(shortForm)) {
                continue;
            }
            List<String> words = wordsBefore(text, matcher.start(), Math.min(shortForm.length() + 5, shortForm.length() * 2));
            String longForm = bestLongForm(shortForm, String.join(" ", words));
            if (longForm != null) {
                found.putIfAbsent(shortForm, longForm);
            }
        }
        return new DocumentAbbreviations(found);
    }

    /** Short form → long form. */
    public Map<String, String> longForms() {
        return longForms;
    }

    /**
     * {@code mention} with each whole-token short form replaced by its long form
     * ("WAS" → "Wiskott-Aldrich syndrome", "C7D patients" → "complement 7 deficiency patients");
     * unchanged when nothing is defined.
     */
    public String expand(String mention) {
        if (longForms.isEmpty()) {
            return mention;
        }
        String whole = longForms.get(mention.strip());
        if (whole != null) {
            return whole;
        }
        Matcher matcher = TOKEN.matcher(mention);
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        while (matcher.find()) {
            String replacement = longForms.get(matcher.group());
            if (replacement != null) {
                changed = true;
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? matcher.group() : replacement));
        }
        matcher.appendTail(out);
        return changed ? out.toString() : mention;
    }

    private static int firstSeparator(String inside) {
        int comma = inside.indexOf(',');
        int semicolon = inside.indexOf(';');
        if (comma < 0) {
            return semicolon;
        }
        return semicolon < 0 ? comma : Math.min(comma, semicolon);
    }

    private static boolean isShortForm(String candidate) {
        if (candidate.length() < 2 || candidate.length() > 10 || candidate.split("\\s+").length > 2) {
            return false;
        }
        if (!Character.isLetterOrDigit(candidate.charAt(0))) {
            return false;
        }
        boolean letter = false;
        boolean upperOrDigit = false;
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            letter |= Character.isLetter(c);
            upperOrDigit |= Character.isUpperCase(c) || (i > 0 && Character.isDigit(c));
        }
        // Lower-case words in parentheses are glosses ("(rare)"), not abbreviations.
        return letter && upperOrDigit;
    }

    private static List<String> wordsBefore(String text, int end, int maxWords) {
        int start = end;
        int boundary = Math.max(0, end - 300);
        // A long form does not cross a sentence end or another parenthesis.
        for (int i = end - 1; i >= boundary; i--) {
            char c = text.charAt(i);
            if (c == '(' || c == ')' || c == ';' || (c == '.' && i + 1 < text.length() && Character.isWhitespace(text.charAt(i + 1)))) {
                break;
            }
            start = i;
        }
        List<String> words = new ArrayList<>(List.of(text.substring(start, end).strip().split("\\s+")));
        words.removeIf(String::isEmpty);
        return words.size() <= maxWords ? words : words.subList(words.size() - maxWords, words.size());
    }

    /** The shortest tail of {@code candidate} that holds the short form's characters in order, or null. */
    static String bestLongForm(String shortForm, String candidate) {
        int s = shortForm.length() - 1;
        int l = candidate.length() - 1;
        while (s >= 0) {
            char c = Character.toLowerCase(shortForm.charAt(s));
            if (!Character.isLetterOrDigit(c)) {
                s--;
                continue;
            }
            while (l >= 0 && (Character.toLowerCase(candidate.charAt(l)) != c
                    || (s == 0 && l > 0 && Character.isLetterOrDigit(candidate.charAt(l - 1))))) {
                l--;
            }
            if (l < 0) {
                return null;
            }
            l--;
            s--;
        }
        String longForm = candidate.substring(candidate.lastIndexOf(' ', l) + 1).strip();
        if (longForm.length() <= shortForm.length() || longForm.contains(shortForm)) {
            return null;
        }
        return longForm;
    }
}
