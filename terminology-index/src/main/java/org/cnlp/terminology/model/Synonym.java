package org.cnlp.terminology.model;

import java.util.Objects;

/**
 * One alternative name of a concept.
 *
 * @param text the name as written in the source
 * @param type how the name relates to the concept
 */
public record Synonym(String text, SynonymType type) {

    public Synonym {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(type, "type");
        if (text.isBlank()) {
            throw new IllegalArgumentException("blank synonym");
        }
    }
}
