package org.cnlp.pipeline.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A document to analyse: an id, its plain text and free-form string metadata.
 *
 * @param id       caller's document id, never blank
 * @param text     the text to analyse (may be empty)
 * @param metadata string metadata without null keys or values, copied; iteration keeps the
 *                 input order
 */
public record InputDocument(String id, String text, Map<String, String> metadata) {

    public InputDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (id.isBlank()) {
            throw new IllegalArgumentException("blank document id");
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        metadata.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "metadata key"),
                Objects.requireNonNull(value, "metadata value")));
        metadata = Collections.unmodifiableMap(copy);
    }

    /** A document without metadata. */
    public InputDocument(String id, String text) {
        this(id, text, Map.of());
    }
}
