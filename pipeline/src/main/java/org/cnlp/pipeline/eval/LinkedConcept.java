package org.cnlp.pipeline.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The top concept a linker chose for a mention.
 *
 * @param conceptId the concept's id (DOID:9352, MESH:D003920, ...)
 * @param xrefs     its cross-references, prefixed (MESH:D003920, OMIM:125853, ...)
 */
public record LinkedConcept(String conceptId, List<String> xrefs) {

    public LinkedConcept {
        Objects.requireNonNull(conceptId, "conceptId");
        xrefs = List.copyOf(xrefs);
    }

    /** Normalised ({@link GoldIds}) concept id and cross-references: what gold ids are matched against. */
    public List<String> matchableIds() {
        List<String> all = new ArrayList<>(xrefs.size() + 1);
        all.add(conceptId);
        all.addAll(xrefs);
        return GoldIds.normaliseAll(all);
    }
}
