package org.cnlp.terminology.index;

import java.util.Objects;

import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SynonymType;

/**
 * One name of a concept, as streamed by {@link TerminologyIndex#forEachName} to build a dictionary.
 *
 * @param concept        the concept
 * @param name           the name as written (for {@link SynonymType#ABBREVIATION}, match it case-sensitively)
 * @param normalizedName {@code TermNormalizer.normalize(name)}, never empty
 * @param type           {@link SynonymType#EXACT} for the preferred term, else the synonym's type, or
 *                       {@link SynonymType#PLURAL} for a generated plural
 * @param preferred      whether {@code name} is the preferred term
 */
public record NameEntry(Concept concept, String name, String normalizedName, SynonymType type, boolean preferred) {

    public NameEntry {
        Objects.requireNonNull(concept, "concept");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(normalizedName, "normalizedName");
        Objects.requireNonNull(type, "type");
    }
}
