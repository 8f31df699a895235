package org.cnlp.terminology.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cnlp.terminology.index.TermNormalizer;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;

/**
 * Cleans the synonyms that ontologies import from other vocabularies so that they look like names
 * written in text, and de-duplicates them.
 *
 * <ul>
 *   <li>SNOMED CT decorations go: {@code (disorder)}, {@code (finding)}, {@code (& [essential hypertension])},
 *       {@code [D]}, {@code NOS}; OMIM's {@code , INCLUDED} goes.</li>
 *   <li>An acronym in parentheses becomes its own {@link SynonymType#ABBREVIATION} synonym and is removed
 *       from the long form: {@code Intrauterine growth retardation (IUGR)} gives
 *       {@code Intrauterine growth retardation} and {@code IUGR}.</li>
 *   <li>An inverted name with one comma also gets its natural order: {@code Rickets, Hypophosphatemic} adds
 *       {@code Hypophosphatemic Rickets}.</li>
 *   <li>A synonym that is a short all-capitals word ({@code NIDDM}, {@code HTN}, {@code ALS2}) is typed
 *       {@link SynonymType#ABBREVIATION}.</li>
 * </ul>
 */
public final class ConceptNames {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern AMPERSAND_GROUP = Pattern.compile("\\s*\\(&[^)]*\\)\\)?");
    private static final Pattern SEMANTIC_TAG = Pattern.compile(
            "\\s*\\((?:disorder|finding|morphologic abnormality|situation|procedure|body structure|qualifier value"
                    + "|navigational concept|observable entity|context-dependent category|event|substance"
                    + "|physical object|organism|cell|cell structure|attribute|regime/therapy)\\)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BRACKET_FLAG = Pattern.compile("\\s*\\[(?:[A-Za-z]{1,2}|ambiguous)\\]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NOS = Pattern.compile("(?:,?\\s*-?\\s*\\bNOS|\\s*\\(NOS\\)|,\\s*not otherwise specified)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INCLUDED = Pattern.compile(",\\s*INCLUDED\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern PAREN_TOKEN = Pattern.compile("\\s*\\(([^()\\s]{2,12})\\)");
    private static final Set<String> INVERSION_STOPPERS = Set.of("type", "with", "without", "and", "or", "due",
            "not", "in", "of", "associated", "secondary", "caused", "induced", "except", "other", "unspecified",
            "nos", "included", "group", "class", "form", "variant", "subtype", "grade", "stage", "late", "early");

    private ConceptNames() {
    }

    /**
     * Cleans and de-duplicates synonyms. Names whose normalised form equals the preferred term's are dropped;
     * of two synonyms with the same normalised form the first is kept, with the stronger of the two types
     * ({@code EXACT} > {@code ABBREVIATION} > {@code RELATED} > {@code NARROW} > {@code BROAD}).
     *
     * @param preferredTerm the concept's preferred term (also cleaned, to add its variants as synonyms)
     * @param synonyms      raw synonyms
     * @return cleaned synonyms, in first-seen order
     */
    public static List<Synonym> cleanSynonyms(String preferredTerm, Collection<Synonym> synonyms) {
        List<Synonym> candidates = new ArrayList<>(clean(new Synonym(preferredTerm, SynonymType.EXACT)));
        for (Synonym synonym : synonyms) {
            candidates.addAll(clean(synonym));
        }
        return merge(preferredTerm, candidates);
    }

    /**
     * De-duplicates synonyms without cleaning them (see {@link #cleanSynonyms} for the rule).
     *
     * @param preferredTerm the concept's preferred term
     * @param synonyms      synonyms, possibly with duplicates
     * @return distinct synonyms, in first-seen order
     */
    public static List<Synonym> merge(String preferredTerm, Collection<Synonym> synonyms) {
        String preferredKey = TermNormalizer.normalize(preferredTerm);
        Map<String, Synonym> byKey = new LinkedHashMap<>();
        for (Synonym synonym : synonyms) {
            String key = TermNormalizer.normalize(synonym.text());
            if (key.isEmpty() || key.equals(preferredKey)) {
                continue;
            }
            Synonym existing = byKey.get(key);
            if (existing == null) {
                byKey.put(key, synonym);
            } else if (strength(synonym.type()) < strength(existing.type())) {
                byKey.put(key, new Synonym(existing.text(), synonym.type()));
            }
        }
        return List.copyOf(byKey.values());
    }

    /**
     * Cleans one synonym.
     *
     * @param synonym a raw synonym
     * @return zero or more cleaned synonyms
     */
    public static List<Synonym> clean(Synonym synonym) {
        String text = WHITESPACE.matcher(synonym.text()).replaceAll(" ").strip();
        text = AMPERSAND_GROUP.matcher(text).replaceAll("");
        text = SEMANTIC_TAG.matcher(text).replaceAll("");
        text = BRACKET_FLAG.matcher(text).replaceAll("");
        text = NOS.matcher(text).replaceAll("");
        text = INCLUDED.matcher(text).replaceAll("");
        text = stripTrailingPunctuation(text);
        List<Synonym> out = new ArrayList<>();
        Matcher paren = PAREN_TOKEN.matcher(text);
        StringBuilder longForm = new StringBuilder();
        int last = 0;
        while (paren.find()) {
            String inner = paren.group(1);
            if (looksLikeAcronym(inner)) {
                out.add(new Synonym(inner, SynonymType.ABBREVIATION));
                longForm.append(text, last, paren.start());
                last = paren.end();
            }
        }
        longForm.append(text, last, text.length());
        String main = stripTrailingPunctuation(WHITESPACE.matcher(longForm).replaceAll(" ").strip());
        if (TermNormalizer.normalize(main).isEmpty()) {
            return out;
        }
        SynonymType type = synonym.type() != SynonymType.ABBREVIATION && isAcronym(main)
                ? SynonymType.ABBREVIATION : synonym.type();
        out.add(0, new Synonym(main, type));
        uninverted(main).ifPresent(natural -> out.add(1, new Synonym(natural, synonym.type())));
        return out;
    }

    /**
     * Whether a name is an acronym as ontologies write them: one all-capitals word of 2 to 10 characters,
     * at most 6 if letters only (so that capitalised words such as {@code MYXEDEMA} are not acronyms).
     *
     * @param name a name
     * @return true for {@code NIDDM}, {@code HTN}, {@code ALS2}, {@code SCID-X1}
     */
    public static boolean isAcronym(String name) {
        if (name.length() < 2 || name.length() > 10) {
            return false;
        }
        int upper = 0;
        boolean lettersOnly = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isLowerCase(c)) {
                return false;
            }
            if (Character.isUpperCase(c)) {
                upper++;
            } else {
                lettersOnly = false;
            }
        }
        return upper >= 2 && (!lettersOnly || name.length() <= 6);
    }

    private static boolean looksLikeAcronym(String token) {
        int upper = 0;
        int lower = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Character.isUpperCase(c)) {
                upper++;
            } else if (Character.isLowerCase(c)) {
                lower++;
            }
        }
        return upper >= 2 && upper >= lower;
    }

    private static Optional<String> uninverted(String text) {
        int comma = text.indexOf(", ");
        if (comma <= 0 || text.indexOf(',', comma + 1) >= 0 || text.indexOf(',') != comma) {
            return Optional.empty();
        }
        String head = text.substring(0, comma).strip();
        String tail = text.substring(comma + 2).strip();
        String[] tailWords = tail.split(" ");
        if (head.isEmpty() || tail.isEmpty() || tailWords.length > 3 || Character.isDigit(tail.charAt(0))
                || INVERSION_STOPPERS.contains(tailWords[0].toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(tail + " " + head);
    }

    private static String stripTrailingPunctuation(String text) {
        int end = text.length();
        while (end > 0 && ".,;: -".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(0, end);
    }

    private static int strength(SynonymType type) {
        return switch (type) {
            case EXACT -> 0;
            case ABBREVIATION -> 1;
            case RELATED -> 2;
            case NARROW -> 3;
            case BROAD -> 4;
            case LEARNED -> 5;
            case PLURAL -> 6;
        };
    }
}
