package org.cnlp.server.problem;

/**
 * The errors the API reports, each with its HTTP status and a stable problem type URI
 * ({@code urn:cnlp:problem:<slug>}) that clients can switch on (RFC 9457).
 */
public enum ProblemType {
    EMPTY_TEXT(400, "empty-text", "Empty text"),
    INVALID_UTF8(400, "invalid-utf8", "Invalid UTF-8"),
    BINARY_CONTENT(400, "binary-content", "Binary content"),
    MALFORMED_JSON(400, "malformed-json", "Malformed JSON"),
    INVALID_REQUEST(400, "invalid-request", "Invalid request"),
    UNKNOWN_PIPELINE(400, "unknown-pipeline", "Unknown pipeline"),
    UNKNOWN_MODEL(400, "unknown-model", "Unknown model"),
    INVALID_IMAGE(400, "invalid-image", "Invalid image"),
    UNAUTHORIZED(401, "unauthorized", "Credential required"),
    FORBIDDEN(403, "forbidden", "Credential not accepted"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    TOO_LARGE(413, "too-large", "Request too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    QUEUE_FULL(429, "queue-full", "Too many requests"),
    ANNOTATION_FAILED(500, "annotation-failed", "Annotation failed"),
    INTERNAL_ERROR(500, "internal-error", "Internal error"),
    NOT_READY(503, "not-ready", "Service not ready"),
    MODEL_UNAVAILABLE(503, "model-unavailable", "Model not available"),
    TIMEOUT(503, "timeout", "Annotation timed out");

    private static final String PREFIX = "urn:cnlp:problem:";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return PREFIX + slug;
    }

    public String title() {
        return title;
    }

    /** The generic type for an HTTP error status raised by the REST runtime itself. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> QUEUE_FULL;
            case 503 -> NOT_READY;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        };
    }
}
