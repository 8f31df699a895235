package org.cnlp.terminology.index.internal;

import java.util.List;

import org.cnlp.terminology.model.Concept;

/**
 * A concept with its names prepared for matching.
 *
 * @param concept    the concept
 * @param sourceRank {@code Sources.rank(concept.source())}
 * @param names      the preferred term first, then the synonyms
 */
public record IndexedConcept(Concept concept, int sourceRank, List<IndexedName> names) {

    public IndexedConcept {
        names = List.copyOf(names);
    }
}
