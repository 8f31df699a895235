package org.cnlp.terminology.index.internal;

import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;

/** Field names of the concept documents and the encoding of stored synonyms. */
public final class IndexFields {

    /** Concept id: indexed as a keyword, stored. */
    public static final String ID = "id";
    /** Preferred term: stored. */
    public static final String PREFERRED = "preferred";
    /** Synonyms as {@code TYPE<US>text}: stored, in order. */
    public static final String SYNONYM = "synonym";
    /** Normalised xrefs: indexed as keywords, stored. */
    public static final String XREF = "xref";
    /** Semantic group: indexed as a keyword, stored. */
    public static final String GROUP = "group";
    /** Source: indexed as a keyword, stored. */
    public static final String SOURCE = "source";
    /** Every name, {@code TermNormalizer}-normalised: indexed as keywords. */
    public static final String NAME_EXACT = "name_exact";
    /** Every name but abbreviations, analysed by {@link TokenAnalyzer}. */
    public static final String NAME_TOKEN = "name_token";
    /** Every name but abbreviations, analysed by {@link StemAnalyzer}. */
    public static final String NAME_STEM = "name_stem";

    private static final char SEPARATOR = '\u001f';

    private IndexFields() {
    }

    /**
     * @param synonym a synonym
     * @return its stored form
     */
    public static String encode(Synonym synonym) {
        return synonym.type().name() + SEPARATOR + synonym.text();
    }

    /**
     * @param stored a stored synonym
     * @return the synonym
     * @throws IllegalArgumentException if {@code stored} was not written by {@link #encode}
     */
    public static Synonym decode(String stored) {
        int separator = stored.indexOf(SEPARATOR);
        if (separator <= 0) {
            throw new IllegalArgumentException("not a stored synonym: " + stored);
        }
        return new Synonym(stored.substring(separator + 1), SynonymType.valueOf(stored.substring(0, separator)));
    }
}
