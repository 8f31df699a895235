package org.cnlp.terminology.model;

/**
 * How a synonym relates to its concept. The first four are the OBO synonym scopes; the others are
 * added by cnlp when a terminology is built.
 */
public enum SynonymType {
    /** Same meaning as the preferred term (OBO {@code EXACT}). */
    EXACT,
    /** Related but not equivalent (OBO {@code RELATED}). */
    RELATED,
    /** A broader name (OBO {@code BROAD}). */
    BROAD,
    /** A narrower name (OBO {@code NARROW}). */
    NARROW,
    /**
     * An abbreviation or acronym ({@code T2DM}, {@code HTN}); an annotator should match it
     * case-sensitively, since many abbreviations are also common words ({@code CAN}, {@code AS}).
     */
    ABBREVIATION,
    /**
     * A way of writing the concept learnt from the annotated mentions of a training corpus
     * ({@code tumour} for cancer, from NCBI-disease train). Linkers search it; name dictionaries
     * leave it out, since corpus wording is not a curated name.
     */
    LEARNED,
    /**
     * A regular English plural of the preferred term or of an exact synonym ({@code breast cancers}).
     * Never stored in a {@link Concept}: only produced for name dictionaries.
     */
    PLURAL
}
