package org.cnlp.terminology.index;

import java.io.IOException;

/** A terminology index folder is missing, incomplete or of a format this version cannot read. */
public final class TerminologyIndexException extends IOException {

    /**
     * @param message what is wrong and how to fix it
     */
    public TerminologyIndexException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and how to fix it
     * @param cause   the underlying error
     */
    public TerminologyIndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
