package org.cnlp.pipeline.microbatch;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link MicroBatcher} groups work.
 *
 * @param maxBatchSize  most inputs handed to the handler at once
 * @param maxWait       how long the oldest queued input may wait for others to join its batch;
 *                      zero takes whatever is queued at that moment
 * @param queueCapacity most inputs waiting at once; beyond it submissions are refused
 * @param workers       threads calling the handler, each with its own batch
 */
public record BatchSettings(int maxBatchSize, Duration maxWait, int queueCapacity, int workers) {

    public BatchSettings {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxBatchSize < 1 || queueCapacity < 1 || workers < 1) {
            throw new IllegalArgumentException("maxBatchSize, queueCapacity and workers must be >= 1, got "
                    + maxBatchSize + ", " + queueCapacity + ", " + workers);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
        }
    }
}
