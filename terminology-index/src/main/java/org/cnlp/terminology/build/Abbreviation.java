package org.cnlp.terminology.build;

import java.util.Objects;

/**
 * A curated abbreviation.
 *
 * @param abbreviation  the abbreviation as written in notes ({@code T2DM}, {@code AFib})
 * @param conceptId     the concept it stands for ({@code DOID:9352})
 * @param preferredTerm that concept's preferred term, for people reading the list
 */
public record Abbreviation(String abbreviation, String conceptId, String preferredTerm) {

    public Abbreviation {
        Objects.requireNonNull(abbreviation, "abbreviation");
        Objects.requireNonNull(conceptId, "conceptId");
        Objects.requireNonNull(preferredTerm, "preferredTerm");
        if (abbreviation.isBlank() || conceptId.isBlank()) {
            throw new IllegalArgumentException("blank abbreviation or concept id");
        }
    }
}
