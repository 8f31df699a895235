package org.cnlp.annotators.section;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cnlp.annotators.internal.LineResources;

/**
 * Header synonyms mapped to normalised section names, read from a tab-separated table
 * (format documented in the bundled {@code section-headers.tsv}). Immutable and thread safe.
 */
public final class SectionHeaderTable {

    /** Bundled table, next to this class. */
    public static final String BUNDLED = "section-headers.tsv";

    private static final String SUBHEADING = "-";

    private final Map<String, String> exact;
    private final List<Keyword> keywords;

    private record Keyword(String word, String name) {
    }

    private SectionHeaderTable(Map<String, String> exact, List<Keyword> keywords) {
        this.exact = Map.copyOf(exact);
        this.keywords = List.copyOf(keywords);
    }

    /** The table shipped with the annotator. */
    public static SectionHeaderTable bundled() {
        return parse(LineResources.fromClasspath(SectionHeaderTable.class, BUNDLED));
    }

    /** Parses table lines ({@code header<TAB>name}, {@code header<TAB>-}, {@code @word<TAB>name}). */
    public static SectionHeaderTable parse(List<String> lines) {
        Map<String, String> exact = new HashMap<>();
        List<Keyword> keywords = new ArrayList<>();
        for (String line : lines) {
            String[] cols = line.split("\t");
            if (cols.length != 2 || cols[1].isBlank()) {
                throw new IllegalArgumentException("expected '<header>\\t<name>', got: " + line);
            }
            String name = cols[1].strip();
            String header = cols[0].strip();
            if (header.startsWith("@")) {
                keywords.add(new Keyword(normalize(header.substring(1)), name));
            } else {
                exact.put(normalize(header), name);
            }
        }
        return new SectionHeaderTable(exact, keywords);
    }

    /**
     * Lower case, text in parentheses dropped, runs of other characters than letters and digits
     * replaced by one space, trimmed: {@code "PREOPERATIVE DIAGNOSIS (ES)"} becomes
     * {@code "preoperative diagnosis"}, {@code "A/P"} becomes {@code "a p"}.
     */
    public static String normalize(CharSequence header) {
        StringBuilder out = new StringBuilder(header.length());
        int depth = 0;
        boolean space = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0) {
                if (Character.isLetterOrDigit(c)) {
                    if (space && !out.isEmpty()) {
                        out.append(' ');
                    }
                    space = false;
                    out.append(c);
                } else {
                    space = true;
                }
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** The section name of a listed header; empty when not listed or a subheading. */
    public Optional<String> exactName(String normalized) {
        String name = exact.get(normalized);
        return name == null || name.equals(SUBHEADING) ? Optional.empty() : Optional.of(name);
    }

    /** Whether the header is a listed subheading (body system, vital sign) that starts no section. */
    public boolean isSubheading(String normalized) {
        return SUBHEADING.equals(exact.get(normalized));
    }

    /** The name of the first keyword rule whose word occurs in the header. */
    public Optional<String> keywordName(String normalized) {
        List<String> words = List.of(normalized.split(" "));
        for (Keyword k : keywords) {
            if (words.contains(k.word())) {
                return Optional.of(k.name());
            }
        }
        return Optional.empty();
    }

    /** Every section name this table can produce, in no particular order. */
    public Set<String> sectionNames() {
        Set<String> names = new LinkedHashSet<>();
        exact.values().stream().filter(n -> !n.equals(SUBHEADING)).forEach(names::add);
        keywords.forEach(k -> names.add(k.name()));
        return Set.copyOf(names);
    }
}
