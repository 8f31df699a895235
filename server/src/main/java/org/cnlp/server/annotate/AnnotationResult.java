package org.cnlp.server.annotate;

/** One annotated document as returned to the caller. */
public record AnnotationResult(String pipeline, String documentId, OutputFormat format, byte[] body, int entities) {
}
