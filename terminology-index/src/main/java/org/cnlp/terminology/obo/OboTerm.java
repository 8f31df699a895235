package org.cnlp.terminology.obo;

import java.util.List;
import java.util.Objects;

import org.cnlp.terminology.model.Synonym;

/**
 * One {@code [Term]} stanza of an OBO file, with the tags cnlp uses. Values are as written in the file
 * (unescaped, trimmed); cross-references are not normalised yet.
 *
 * @param id        the {@code id:} value ({@code DOID:9352})
 * @param name      the {@code name:} value
 * @param synonyms  the {@code synonym:} values with their scope
 * @param xrefs     the {@code xref:} values without their trailing description
 * @param altIds    the {@code alt_id:} values
 * @param parents   the ids of the {@code is_a:} parents
 * @param obsolete  whether the term has {@code is_obsolete: true}
 */
public record OboTerm(String id, String name, List<Synonym> synonyms, List<String> xrefs, List<String> altIds,
        List<String> parents, boolean obsolete) {

    public OboTerm {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        synonyms = List.copyOf(synonyms);
        xrefs = List.copyOf(xrefs);
        altIds = List.copyOf(altIds);
        parents = List.copyOf(parents);
    }
}
