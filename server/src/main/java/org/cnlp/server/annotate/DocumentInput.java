package org.cnlp.server.annotate;

import java.util.Objects;

/** One validated document of a request: its id (the caller's, or derived from the request id) and its text. */
public record DocumentInput(String id, String text) {

    public DocumentInput {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }

    /** Never the text: safe for logs and messages. */
    @Override
    public String toString() {
        return "DocumentInput[id=" + id + ", chars=" + text.length() + "]";
    }
}
