package org.cnlp.server.terminology;

import java.util.List;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.cnlp.terminology.index.ConceptMatch;

/** One concept found by {@code GET /terminology/search}. */
@JsonbPropertyOrder({"id", "preferredTerm", "score", "matchType", "matchedName", "semanticGroup", "source", "xrefs"})
public record ConceptHit(String id, String preferredTerm, double score, String matchType, String matchedName,
        String semanticGroup, String source, List<String> xrefs) {

    public ConceptHit {
        xrefs = List.copyOf(xrefs);
    }

    static ConceptHit of(ConceptMatch match) {
        var concept = match.concept();
        return new ConceptHit(concept.id(), concept.preferredTerm(), match.score(), match.matchType().name(),
                match.matchedName(), concept.semanticGroup(), concept.source(), concept.xrefs());
    }
}
