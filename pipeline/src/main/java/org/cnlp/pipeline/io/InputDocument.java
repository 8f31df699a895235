package org.cnlp.pipeline.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A document to analyse: an id, its plain text, free-form string metadata and, for visual
 * question answering, an image with questions.
 *
 * @param id       caller's document id, never blank
 * @param text     the text to analyse (may be empty; empty when only an image is given)
 * @param metadata string metadata without null keys or values, copied; iteration keeps the
 *                 input order
 * @param image    the image and its questions, or null for a text document
 */
public record InputDocument(String id, String text, Map<String, String> metadata, InputImage image) {

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

    /** A text document. */
    public InputDocument(String id, String text, Map<String, String> metadata) {
        this(id, text, metadata, null);
    }

    /** A text document without metadata. */
    public InputDocument(String id, String text) {
        this(id, text, Map.of());
    }

    /** The image and its questions, when the document has them. */
    public Optional<InputImage> imageInput() {
        return Optional.ofNullable(image);
    }
}
