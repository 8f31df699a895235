package org.cnlp.annotators.pipelines;

/** A pipeline configuration that names something unknown or cannot be read. */
public final class PipelineConfigException extends RuntimeException {

    public PipelineConfigException(String message) {
        super(message);
    }

    public PipelineConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
