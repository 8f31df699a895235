package org.cnlp.pipeline.batch;

import java.time.Duration;

/**
 * A batch that runs in the background until it finishes or is stopped: the plain Java face of
 * the Camel routes, for the command line and for a server that embeds them (start with the
 * application, {@link #stop()} before the pipeline it uses is closed). Implementations are
 * thread-safe; {@link #close()} is {@link #stop()}.
 */
public interface BatchService extends AutoCloseable {

    /** Starts consuming. Call once. */
    void start();

    /**
     * Waits until the batch has finished: its input is exhausted (a folder batch without watch)
     * or {@link #stop()} was called.
     *
     * @return whether it finished within the timeout
     */
    boolean await(Duration timeout) throws InterruptedException;

    /** Stops consuming, lets inputs in flight finish (up to the configured timeout) and releases resources. Idempotent. */
    void stop();

    /** Counters now. */
    BatchMetrics metrics();

    /** What this run has done so far. */
    BatchSummary summary();

    @Override
    default void close() {
        stop();
    }
}
