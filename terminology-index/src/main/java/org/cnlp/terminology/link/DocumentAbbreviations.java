package org.cnlp.terminology.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The abbreviations a document defines, found the way Schwartz and Hearst (PSB 2003) describe:
 * a short form in parentheses right after its long form, "Wiskott-Aldrich syndrome (WAS)", where
 * every letter and digit of the short form appears in order in the long form and its first
 * character starts a word of it. Two more ways are accepted: a capital short form whose letters
 * are the initials of the words before it in another order, "myotonic dystrophy (DM)" (the Latin
 * order of <i>dystrophia myotonica</i>); and, given a test of known names, a capital short form
 * the document uses without defining it, read as a known name the document writes out whose word
 * initials are its letters ("WAS" in an abstract on "Wiskott-Aldrich syndrome"). Linkers use them
 * to read "WAS" later in the same document as "Wiskott-Aldrich syndrome". A short form defined
 * twice keeps its first long form. Immutable.
 */
public final class DocumentAbbreviations {

    /** A document without definitions. */
    public static final DocumentAbbreviations NONE = new DocumentAbbreviations(Map.of());

    private static final Pattern PARENTHESIS = Pattern.compile("\\(([^()]{1,120})\\)");
    private static final int MAX_SHORT_FORM = 5;
    private static final Pattern CAPITAL_SHORT_FORM = Pattern.compile("\\b\\p{Lu}{2," + MAX_SHORT_FORM + "}\\b");
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[.;:()\\[\\]\\n]");
    private static final Pattern ROMAN_NUMERAL = Pattern.compile("[IVXLC]+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:[-'][\\p{L}\\p{N}]+)*");

    private final Map<String, String> longForms;

    private DocumentAbbreviations(Map<String, String> longForms) {
        this.longForms = Collections.unmodifiableMap(longForms);
    }

    /** The definitions in {@code text}: those in parentheses only. */
    public static DocumentAbbreviations find(String text) {
        return find(text, name -> false);
    }

    /**
     * The definitions in {@code text}, and for each capital short form of two to five letters it
     * uses without defining, the first run of words in it whose initials are the short form's
     * letters, in order or not, and which {@code knownName} accepts.
     */
    public static DocumentAbbreviations find(String text, Predicate<String> knownName) {
        Map<String, String> found = defined(text);
        Set<String> undefined = new LinkedHashSet<>();
        Matcher uses = CAPITAL_SHORT_FORM.matcher(text);
        while (uses.find()) {
            if (!found.containsKey(uses.group()) && !ROMAN_NUMERAL.matcher(uses.group()).matches()) {
                undefined.add(uses.group());
            }
        }
        if (!undefined.isEmpty()) {
            WrittenOut writtenOut = new WrittenOut(text, undefined);
            for (String shortForm : undefined) {
                String longForm = writtenOut.find(shortForm, knownName);
                if (longForm != null) {
                    found.put(shortForm, longForm);
                }
            }
        }
        return new DocumentAbbreviations(found);
    }

    private static Map<String, String> defined(String text) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher matcher = PARENTHESIS.matcher(text);
        while (matcher.find()) {
            // "(WAS)", "(SJS; chondrodystrophic myotonia)", "(Krabbe disease; AO-GLD)": the first part that is a short form
            for (String part : matcher.group(1).split("[,;]")) {
                String shortForm = part.strip();
                if (isShortForm(shortForm)) {
                    String longForm = longFormBefore(text, matcher.start(), shortForm);
                    if (longForm != null) {
                        found.putIfAbsent(shortForm, longForm);
                    }
                    break;
                }
            }
        }
        return found;
    }

    private static String longFormBefore(String text, int end, String shortForm) {
        List<String> words = wordsBefore(text, end, Math.min(shortForm.length() + 5, shortForm.length() * 2));
        String longForm = bestLongForm(shortForm, String.join(" ", words));
        if (longForm == null && CAPITAL_SHORT_FORM.matcher(shortForm).matches() && words.size() >= shortForm.length()) {
            List<String> tail = words.subList(words.size() - shortForm.length(), words.size());
            if (initialsMatch(shortForm, tail.stream().map(word -> word.substring(0, 1)).toList())) {
                longForm = String.join(" ", tail);
            }
        }
        return longForm;
    }

    /**
     * The runs of two to five words of a text whose initials (lower case, sorted) are the letters of
     * a wanted short form, indexed by those letters: one pass over the text for all short forms.
     */
    private static final class WrittenOut {
        private final String text;
        private final List<int[]> words = new ArrayList<>();
        private final Map<String, List<Integer>> runsByInitials = new HashMap<>();

        WrittenOut(String text, Set<String> shortForms) {
            this.text = text;
            Set<String> wanted = new HashSet<>();
            for (String shortForm : shortForms) {
                wanted.add(key(shortForm.toLowerCase(Locale.ROOT).toCharArray()));
            }
            Matcher word = WORD.matcher(text);
            while (word.find()) {
                words.add(new int[] {word.start(), word.end()});
            }
            char[] initials = new char[MAX_SHORT_FORM];
            for (int first = 0; first < words.size(); first++) {
                for (int n = 1; n <= MAX_SHORT_FORM && first + n <= words.size(); n++) {
                    initials[n - 1] = Character.toLowerCase(text.charAt(words.get(first + n - 1)[0]));
                    String key = n >= 2 ? key(Arrays.copyOf(initials, n)) : null;
                    if (key != null && wanted.contains(key)) {
                        runsByInitials.computeIfAbsent(key, k -> new ArrayList<>()).add(first);
                    }
                }
            }
        }

        /**
         * The first run whose initials are the short form's letters in order, else in another order,
         * that stays within a sentence and clause and that {@code knownName} accepts.
         */
        String find(String shortForm, Predicate<String> knownName) {
            String letters = shortForm.toLowerCase(Locale.ROOT);
            List<String> inOrder = new ArrayList<>();
            List<String> reordered = new ArrayList<>();
            for (int first : runsByInitials.getOrDefault(key(letters.toCharArray()), List.of())) {
                String phrase = text.substring(words.get(first)[0], words.get(first + letters.length() - 1)[1]);
                if (!phrase.contains(shortForm) && !CLAUSE_BREAK.matcher(phrase).find()) {
                    (initials(phrase).equals(letters) ? inOrder : reordered).add(phrase);
                }
            }
            inOrder.addAll(reordered);
            return inOrder.stream().filter(knownName).findFirst().orElse(null);
        }

        private static String initials(String phrase) {
            StringBuilder initials = new StringBuilder();
            Matcher word = WORD.matcher(phrase);
            while (word.find()) {
                initials.append(Character.toLowerCase(phrase.charAt(word.start())));
            }
            return initials.toString();
        }
    }

    /** The letters, sorted: the same for every order of them. */
    private static String key(char[] letters) {
        Arrays.sort(letters);
        return new String(letters);
    }

    /** Whether the initials, case aside, are the short form's letters in some order. */
    private static boolean initialsMatch(String shortForm, List<String> initials) {
        return key(shortForm.toLowerCase(Locale.ROOT).toCharArray())
                .equals(key(String.join("", initials).toLowerCase(Locale.ROOT).toCharArray()));
    }

    /** Short form → long form. */
    public Map<String, String> longForms() {
        return longForms;
    }

    /**
     * {@code mention} with each whole-token short form replaced by its long form
     * ("WAS" → "Wiskott-Aldrich syndrome", "C7D patients" → "complement 7 deficiency patients"),
     * or, in a hyphenated token that is not defined as a whole, each defined part ("IF-GLD" → "IF
     * globoid cell leukodystrophy"); unchanged when nothing is defined.
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
            if (replacement == null && matcher.group().indexOf('-') > 0) {
                replacement = expandParts(matcher.group());
            }
            if (replacement != null) {
                changed = true;
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? matcher.group() : replacement));
        }
        matcher.appendTail(out);
        return changed ? out.toString() : mention;
    }

    /** "IF-GLD" → "IF globoid cell leukodystrophy" when only a part is defined; null when none is. */
    private String expandParts(String token) {
        String[] parts = token.split("-");
        boolean any = false;
        for (int i = 0; i < parts.length; i++) {
            String longForm = longForms.get(parts[i]);
            if (longForm != null) {
                parts[i] = longForm;
                any = true;
            }
        }
        return any ? String.join(" ", parts) : null;
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
