package org.cnlp.terminology.model;

import java.util.List;
import java.util.Objects;

/**
 * A terminology concept that text can be linked to.
 *
 * @param id            the concept id with its source prefix ({@code DOID:9352}, {@code HP:0000822},
 *                      {@code MESH:D009270})
 * @param preferredTerm the source's current preferred name
 * @param synonyms      alternative names, in source order, without duplicates of the preferred term
 * @param xrefs         cross-references normalised by {@link Xrefs#normalize(String)}
 *                      ({@code MESH:D003924}, {@code OMIM:125853}, {@code UMLS:C0011860})
 * @param semanticGroup one of {@link SemanticGroups}
 * @param source        one of {@link Sources}
 */
public record Concept(String id, String preferredTerm, List<Synonym> synonyms, List<String> xrefs,
        String semanticGroup, String source) {

    public Concept {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(preferredTerm, "preferredTerm");
        Objects.requireNonNull(semanticGroup, "semanticGroup");
        Objects.requireNonNull(source, "source");
        if (id.isBlank() || preferredTerm.isBlank()) {
            throw new IllegalArgumentException("blank id or preferred term: '" + id + "'");
        }
        synonyms = List.copyOf(synonyms);
        xrefs = List.copyOf(xrefs);
    }
}
