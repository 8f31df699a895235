package org.cnlp.server.annotate;

/** What a pipeline made of one {@link AnnotationTask}. */
public sealed interface AnnotationOutcome {

    /** The rendered result (JSON or XMI bytes, UTF-8) and how many entities it holds. */
    record Annotated(byte[] body, int entities) implements AnnotationOutcome {
    }

    /** The document failed inside the pipeline; the detail names the document id, never its text. */
    record Failed(String detail) implements AnnotationOutcome {
    }
}
