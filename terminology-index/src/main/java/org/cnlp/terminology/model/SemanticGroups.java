package org.cnlp.terminology.model;

/** The semantic groups of the concepts cnlp indexes (values of {@link Concept#semanticGroup()}). */
public final class SemanticGroups {

    /** Diseases (Disease Ontology). */
    public static final String DISEASE = "Disease";
    /** Phenotypic abnormalities, i.e. clinical findings and problems (Human Phenotype Ontology). */
    public static final String PHENOTYPE = "Phenotype";
    /** Chemicals and drugs (MeSH ids, lexicon learnt from BC5CDR training mentions). */
    public static final String CHEMICAL = "Chemical";

    private SemanticGroups() {
    }
}
