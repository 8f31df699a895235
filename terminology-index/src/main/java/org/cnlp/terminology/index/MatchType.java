package org.cnlp.terminology.index;

/** How a query matched a concept name, from the strongest to the weakest. */
public enum MatchType {
    /** The normalised query equals the normalised name ({@link TermNormalizer}). */
    EXACT,
    /** The query is an abbreviation of the concept ({@code T2DM}). */
    ABBREVIATION,
    /** Same content words in the same order once plurals and possessives are reduced ({@code tumors}). */
    STEM,
    /** Content words overlap, in any order, some possibly missing ({@code cancer of the breast}). */
    TOKEN,
    /** Content words match within a few edits ({@code brest cancer}). */
    FUZZY
}
