package org.cnlp.server.terminology;

import java.util.List;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The answer of {@code GET /terminology/search}: the query as understood and the concepts, best first. */
@JsonbPropertyOrder({"query", "top", "matches"})
public record SearchResponse(String query, int top, List<ConceptHit> matches) {

    public SearchResponse {
        matches = List.copyOf(matches);
    }
}
