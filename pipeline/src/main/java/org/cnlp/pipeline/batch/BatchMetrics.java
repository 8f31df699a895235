package org.cnlp.pipeline.batch;

import java.time.Duration;

/**
 * A snapshot of a running batch, cheap to take (for progress bars and a metrics endpoint).
 * An input is a file of the inbox or a Kafka record; it may hold several documents.
 *
 * @param inputsDone         inputs annotated and written
 * @param inputsFailed       inputs rejected or failed (in {@code .error/} or the error topic)
 * @param inputsVanished     inputs that disappeared before they could be read (deleted by someone else)
 * @param documents          documents annotated and written
 * @param inFlight           inputs taken by the route and not finished (queued or being annotated)
 * @param documentsPerSecond documents per second since the first document started
 * @param elapsed            time since the batch started
 */
public record BatchMetrics(long inputsDone, long inputsFailed, long inputsVanished, long documents, long inFlight,
                           double documentsPerSecond, Duration elapsed) {

    /** Inputs finished one way or another. */
    public long inputsFinished() {
        return inputsDone + inputsFailed + inputsVanished;
    }
}
