package org.cnlp.pipeline.io;

/**
 * An input document (JSON, PubTator, XMI, cnlp annotation JSON) is malformed.
 *
 * <p>Messages name the source, the location (line and column, JSON path or PMID) and what was
 * expected; they never quote document text, so they are safe to log and to return to callers.
 * For the same reason the underlying parser exception is not attached as a cause.
 */
public class DocumentFormatException extends Exception {

    public DocumentFormatException(String message) {
        super(message);
    }
}
