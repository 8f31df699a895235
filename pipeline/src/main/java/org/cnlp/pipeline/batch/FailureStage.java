package org.cnlp.pipeline.batch;

/** Where processing of an input stopped. */
public enum FailureStage {
    /** The input could not be read (it vanished, or an I/O error). */
    READ,
    /** The input was read but rejected: empty, binary, not UTF-8, too large, malformed JSON or PubTator. */
    VALIDATE,
    /** A pipeline engine failed on one of its documents. */
    ANNOTATE,
    /** Rendering or writing an output failed, or an output name is taken by another input. */
    WRITE
}
