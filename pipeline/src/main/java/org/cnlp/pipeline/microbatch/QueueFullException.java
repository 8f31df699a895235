package org.cnlp.pipeline.microbatch;

import java.time.Duration;

/** The batcher's queue cannot take the submitted inputs now; the caller should retry later. */
public final class QueueFullException extends Exception {

    private final Duration retryAfter;

    public QueueFullException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** An estimate of when the queue will have drained enough to accept the inputs. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
