package org.cnlp.pipeline.microbatch;

/**
 * Counters of a {@link MicroBatcher} since it started.
 *
 * @param accepted     inputs taken into the queue
 * @param rejected     inputs refused because the queue was full or the batcher closed
 * @param processed    inputs handed to the handler
 * @param failed       inputs whose batch failed (handler exception or wrong result size)
 * @param batches      handler calls
 * @param largestBatch most inputs in one handler call
 * @param queued       inputs waiting now
 */
public record BatcherStats(long accepted, long rejected, long processed, long failed, long batches,
        int largestBatch, int queued) {

    /** Average inputs per handler call, 0 before the first batch. */
    public double meanBatchSize() {
        return batches == 0 ? 0 : (double) processed / batches;
    }
}
