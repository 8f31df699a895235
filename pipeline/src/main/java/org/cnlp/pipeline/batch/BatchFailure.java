package org.cnlp.pipeline.batch;

import java.util.Optional;

/**
 * Why one input (a file or a Kafka record) was not annotated. Messages name the input and the
 * problem, never the document text.
 *
 * @param source     the input: a path relative to the inbox, or a record's name
 * @param stage      where it stopped
 * @param reason     a stable code: {@code EMPTY}, {@code TOO_LARGE}, {@code BINARY}, {@code NOT_UTF8},
 *                   {@code UNREADABLE}, {@code MALFORMED}, {@code ANNOTATION_FAILED}, {@code OUTPUT_FAILED},
 *                   {@code OUTPUT_CONFLICT}
 * @param message    a one-line explanation
 * @param documentId the document inside the input that failed, when known
 */
public record BatchFailure(String source, FailureStage stage, String reason, String message, Optional<String> documentId) {

    public static final String ANNOTATION_FAILED = "ANNOTATION_FAILED";
    public static final String OUTPUT_FAILED = "OUTPUT_FAILED";
    public static final String OUTPUT_CONFLICT = "OUTPUT_CONFLICT";

    public BatchFailure {
        if (source.isEmpty() || reason.isEmpty()) {
            throw new IllegalArgumentException("a failure needs a source and a reason");
        }
    }

    /** The same failure attributed to another source name (a relative instead of an absolute path). */
    public BatchFailure withSource(String newSource) {
        return new BatchFailure(newSource, stage, reason, message, documentId);
    }
}
