package org.cnlp.terminology.model;

/** The terminology sources cnlp builds concepts from (values of {@link Concept#source()}). */
public final class Sources {

    /** Disease Ontology: 2026 reports (labels, xrefs) merged with the 2015 OBO release (synonyms). */
    public static final String DO = "DO";
    /** Human Phenotype Ontology, 2015 OBO release, "Phenotypic abnormality" sub-ontology. */
    public static final String HPO = "HPO";
    /** Chemical lexicon learnt from the BC5CDR training set mentions. */
    public static final String BC5CDR = "BC5CDR";

    private Sources() {
    }

    /**
     * Rank used to break ties between sources: Disease Ontology first, then HPO, then anything else.
     *
     * @param source a {@link Concept#source()}
     * @return 0 for DO, 1 for HPO, 2 otherwise
     */
    public static int rank(String source) {
        return switch (source) {
            case DO -> 0;
            case HPO -> 1;
            default -> 2;
        };
    }
}
