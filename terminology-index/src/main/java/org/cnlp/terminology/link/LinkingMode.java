package org.cnlp.terminology.link;

import java.util.Locale;

/** Where a {@link ConceptLinker} takes its candidates from. */
public enum LinkingMode {
    /** The ranked lexical search of the terminology index only. */
    LEXICAL,
    /** Nearest concept names by embedding only. */
    DENSE,
    /** Both, fused. */
    HYBRID;

    /**
     * {@code lexical}, {@code dense} or {@code hybrid}, any case.
     *
     * @throws IllegalArgumentException naming the valid values
     */
    public static LinkingMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("linking mode must be lexical, dense or hybrid, got '" + text + "'");
        }
    }

    /** Whether this mode needs concept vectors and an embedder. */
    public boolean needsVectors() {
        return this != LEXICAL;
    }
}
