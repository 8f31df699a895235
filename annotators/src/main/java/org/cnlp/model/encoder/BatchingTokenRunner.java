package org.cnlp.model.encoder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.cnlp.pipeline.microbatch.BatchSettings;
import org.cnlp.pipeline.microbatch.BatcherStats;
import org.cnlp.pipeline.microbatch.MicroBatcher;
import org.cnlp.pipeline.microbatch.QueueFullException;

/**
 * Model-level dynamic micro-batching: forwards called at the same time from several threads (the
 * engine replicas of a pipeline, each on its own document) wait in one queue, and a worker runs
 * what has gathered as one forward pass of the wrapped runner, up to
 * {@link BatchSettings#maxBatchSize()} sequences, then hands every caller its own rows. While a pass
 * runs, the next callers queue up and share the following pass, so the batch grows with the load
 * without a fixed wait ({@link BatchSettings#maxWait()} can add one).
 *
 * <p>A caller's sequences go in chunks of at most one batch, the next chunk once the previous one
 * is answered, so one long document cannot fill the queue ahead of the others. When the queue is
 * full anyway, the caller runs its chunk itself on the wrapped runner: nothing is refused at this
 * level (the server refuses requests before they get here). When a shared pass fails, each of its
 * callers runs its own chunk again alone, so one caller's bad input fails only that caller.
 *
 * <p>The results are those of the wrapped runner on the same sequences: rows are independent of
 * the batch they run in (attention masks the padding), up to the floating-point differences that
 * a different batch shape brings.
 *
 * <p>Thread-safe. Owns the wrapped runner: {@link #close()} stops the worker (passes in progress
 * finish), then closes it.
 */
public final class BatchingTokenRunner implements TokenRunner {

    /** Sequences that may wait, in passes: room for many replicas' texts at once. */
    private static final int QUEUED_PASSES = 64;

    private final TokenRunner model;
    private final long padId;
    private final MicroBatcher<EncoderBatch.Row, float[]> batcher;
    private final AtomicLong direct = new AtomicLong();
    /** Forwards hold it shared; {@link #close()} takes it exclusively, so the model closes after the last forward. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    /**
     * @param name what the worker thread and messages call it (the model id)
     * @param model the runner the merged passes run on; this one owns it from now on
     * @param padId the tokenizer's padding id
     * @param settings sequences per pass, extra wait, queued sequences, and passes run at once
     */
    public BatchingTokenRunner(String name, TokenRunner model, long padId, BatchSettings settings) {
        this.model = model;
        this.padId = padId;
        this.batcher = new MicroBatcher<>(name, settings, rows -> model.forward(EncoderBatch.ofRows(rows, padId)));
    }

    /**
     * Settings for passes of up to {@code sequencesPerPass} sequences run one at a time (the engine
     * uses every core for each), the first sequence of a pass waiting up to {@code maxWait} for others.
     */
    public static BatchSettings settings(int sequencesPerPass, Duration maxWait) {
        return new BatchSettings(sequencesPerPass, maxWait, sequencesPerPass * QUEUED_PASSES, 1);
    }

    @Override
    public int outputSize() {
        return model.outputSize();
    }

    @Override
    public int maxSequenceLength() {
        return model.maxSequenceLength();
    }

    @Override
    public List<float[]> forward(EncoderBatch batch) {
        if (batch.length() > model.maxSequenceLength()) {
            throw new IllegalArgumentException("batch length " + batch.length() + " exceeds the model's "
                    + model.maxSequenceLength() + " positions");
        }
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the model is closed");
            }
            List<EncoderBatch.Row> rows = batch.rows();
            int chunk = batcher.settings().maxBatchSize();
            List<float[]> outputs = new ArrayList<>(rows.size());
            for (int from = 0; from < rows.size(); from += chunk) {
                outputs.addAll(forwardChunk(rows.subList(from, Math.min(from + chunk, rows.size()))));
            }
            return outputs;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * One chunk through a shared pass. When the queue is full, or the batcher has lost its worker,
     * the chunk runs on its own pass here; when the shared pass fails, the chunk is run once more on
     * its own, so that a failure another caller's sequences caused does not fail this one, and a
     * failure of its own is reported with this caller's stack.
     */
    private List<float[]> forwardChunk(List<EncoderBatch.Row> rows) {
        List<CompletableFuture<float[]>> futures;
        try {
            futures = batcher.submitAll(rows);
        } catch (QueueFullException | RejectedExecutionException e) {
            return forwardDirect(rows);
        }
        List<float[]> outputs = new ArrayList<>(rows.size());
        try {
            for (CompletableFuture<float[]> future : futures) {
                outputs.add(future.get());
            }
            return outputs;
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(false));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a forward pass", e);
        } catch (CancellationException | ExecutionException e) {
            futures.forEach(f -> f.cancel(false));
            return forwardDirect(rows);
        }
    }

    private List<float[]> forwardDirect(List<EncoderBatch.Row> rows) {
        direct.addAndGet(rows.size());
        return model.forward(EncoderBatch.ofRows(rows, padId));
    }

    /** Sequences per pass, wait, queue room and passes at once. */
    public BatchSettings settings() {
        return batcher.settings();
    }

    /** The merged passes so far: sequences, passes, the largest one, what is queued. */
    public BatcherStats stats() {
        return batcher.stats();
    }

    /**
     * Sequences that ran on their callers' own passes: the queue was full, the worker was gone, or
     * their shared pass failed and they were run again alone.
     */
    public long directSequences() {
        return direct.get();
    }

    @Override
    public String engineDescription() {
        BatchSettings settings = batcher.settings();
        return model.engineDescription() + ", shared passes of up to " + settings.maxBatchSize() + " sequences"
                + (settings.maxWait().isZero() ? "" : " (waiting up to " + settings.maxWait().toMillis() + " ms)");
    }

    /** Waits for the forwards in flight, stops the worker, then closes the model; later forwards fail. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            batcher.close();
        } finally {
            lifecycle.writeLock().unlock();
            model.close();
        }
    }
}
