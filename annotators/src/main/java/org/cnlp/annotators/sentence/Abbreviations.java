package org.cnlp.annotators.sentence;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cnlp.annotators.internal.LineResources;

/**
 * Abbreviations whose period is not (or not always) a sentence end, read from a tab-separated
 * list (format documented in the bundled {@code abbreviations.tsv}). Immutable and thread safe.
 */
public final class Abbreviations {

    /** Bundled list, next to this class. */
    public static final String BUNDLED = "abbreviations.tsv";

    /** How an abbreviation's period behaves. */
    public enum Kind {
        /** Not an abbreviation. */
        NONE,
        /** Never ends a sentence ({@code Dr.}, {@code e.g.}). */
        TITLE,
        /** Ends a sentence only before a capitalised word ({@code b.i.d.}, {@code mg.}). */
        SUFFIX
    }

    private final Map<String, Kind> kinds;

    private Abbreviations(Map<String, Kind> kinds) {
        this.kinds = Map.copyOf(kinds);
    }

    /** The list shipped with the annotator. */
    public static Abbreviations bundled() {
        return parse(LineResources.fromClasspath(Abbreviations.class, BUNDLED));
    }

    /** Parses {@code abbreviation<TAB>title|suffix} lines. */
    public static Abbreviations parse(List<String> lines) {
        Map<String, Kind> kinds = new HashMap<>();
        for (String line : lines) {
            String[] cols = line.split("\t");
            if (cols.length != 2) {
                throw new IllegalArgumentException("expected '<abbreviation>\\t<title|suffix>', got: " + line);
            }
            Kind kind = switch (cols[1].strip()) {
                case "title" -> Kind.TITLE;
                case "suffix" -> Kind.SUFFIX;
                default -> throw new IllegalArgumentException("unknown abbreviation class in: " + line);
            };
            kinds.put(cols[0].strip().toLowerCase(Locale.ROOT), kind);
        }
        return new Abbreviations(kinds);
    }

    /**
     * The kind of {@code word}, written without its final period. Case does not matter, except
     * that a title written all in capitals without inner periods ({@code MS}, {@code MR}) is an
     * acronym (multiple sclerosis, mitral regurgitation), not a title.
     */
    public Kind kindOf(String word) {
        Kind kind = kinds.getOrDefault(word.toLowerCase(Locale.ROOT), Kind.NONE);
        if (kind == Kind.TITLE && word.length() > 1 && word.indexOf('.') < 0 && isAllCaps(word)) {
            return Kind.NONE;
        }
        return kind;
    }

    private static boolean isAllCaps(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isUpperCase(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
