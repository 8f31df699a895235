package org.cnlp.pipeline.eval;

import java.util.Optional;

/** Links a mention text to its best concept; what {@link LinkingEvaluation} measures. */
@FunctionalInterface
public interface Linker {

    /**
     * @param mentionText the mention as written in the document
     * @param type        its normalised type ({@link EntityTypes}: Disease, Chemical, ...)
     * @return the top concept, or empty when the linker finds none
     */
    Optional<LinkedConcept> link(String mentionText, String type);

    /**
     * The linker for the mentions of one document, which may use the document's text (the
     * abbreviations it defines, say); this one by default.
     */
    default Linker forDocument(String documentText) {
        return this;
    }
}
