package org.cnlp.terminology.index;

import java.util.Objects;

import org.cnlp.terminology.model.Concept;

/**
 * A concept found for a query.
 *
 * @param concept     the concept
 * @param score       confidence in 0..1: 1 for the exact preferred term, lower for synonyms, abbreviations,
 *                    stem, token and fuzzy matches (see {@link TerminologyIndex#search})
 * @param matchType   how the query matched
 * @param matchedName the concept name (preferred term or synonym, as written) that matched best
 */
public record ConceptMatch(Concept concept, double score, MatchType matchType, String matchedName) {

    public ConceptMatch {
        Objects.requireNonNull(concept, "concept");
        Objects.requireNonNull(matchType, "matchType");
        Objects.requireNonNull(matchedName, "matchedName");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score out of 0..1: " + score);
        }
    }

    /** @return whether the matched name is the concept's preferred term */
    public boolean matchedPreferredTerm() {
        return matchedName.equals(concept.preferredTerm());
    }
}
