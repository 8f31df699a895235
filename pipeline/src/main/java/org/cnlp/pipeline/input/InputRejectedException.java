package org.cnlp.pipeline.input;

/**
 * A document that cannot be annotated as it is: empty, binary, not UTF-8, too large, unreadable.
 * The message names the reason and the document, never its content.
 */
public final class InputRejectedException extends Exception {

    /** Why a document was rejected; stable codes for reports and HTTP problem types. */
    public enum Reason { EMPTY, TOO_LARGE, BINARY, NOT_UTF8, UNREADABLE, MALFORMED }

    private final Reason reason;

    public InputRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public InputRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
