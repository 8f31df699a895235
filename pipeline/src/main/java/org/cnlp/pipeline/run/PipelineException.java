package org.cnlp.pipeline.run;

/** A document that failed inside a pipeline; the message names the document id, never its text. */
public final class PipelineException extends Exception {

    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
