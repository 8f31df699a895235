package org.cnlp.pipeline.batch.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.cnlp.pipeline.batch.BatchFailure;
import org.cnlp.pipeline.batch.BatchFormat;
import org.cnlp.pipeline.batch.BatchMetrics;
import org.cnlp.pipeline.batch.BatchSummary;
import org.cnlp.pipeline.batch.RunInfo;

/** What a batch has done so far. Thread-safe; counters are updated from the route's threads. */
public final class BatchCounters {

    private static final long UNSET = Long.MIN_VALUE;

    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final LongAdder done = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder vanished = new LongAdder();
    private final LongAdder documents = new LongAdder();
    private final LongAdder outputs = new LongAdder();
    private final AtomicLong firstStart = new AtomicLong(UNSET);
    private final AtomicLong lastEnd = new AtomicLong(UNSET);
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private final List<BatchFailure> failures = new ArrayList<>();
    private long failuresNotListed;

    /** Called when work on an input begins. */
    public void inputStarted() {
        firstStart.compareAndSet(UNSET, System.nanoTime());
    }

    public void inputDone(int documentCount, int outputCount) {
        documents.add(documentCount);
        outputs.add(outputCount);
        done.increment();
        ended();
    }

    public void inputFailed(BatchFailure failure) {
        synchronized (failures) {
            if (failures.size() < BatchSummary.MAX_LISTED_FAILURES) {
                failures.add(failure);
            } else {
                failuresNotListed++;
            }
        }
        failed.increment();
        ended();
    }

    public void inputVanished() {
        vanished.increment();
        ended();
    }

    public void modelSeen(String modelId) {
        models.add(modelId);
    }

    private void ended() {
        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
    }

    public BatchMetrics metrics(long inFlight) {
        long now = System.nanoTime();
        long first = firstStart.get();
        double rate = first == UNSET ? 0 : documents.sum() / Math.max((now - first) / 1e9, 1e-9);
        return new BatchMetrics(done.sum(), failed.sum(), vanished.sum(), documents.sum(), inFlight, rate,
                Duration.ofNanos(now - startNanos));
    }

    public BatchSummary summary(String runId, RunInfo run, int threads, Set<BatchFormat> formats) {
        return summary(runId, run, threads, formats, 0);
    }

    /** The summary, with the image files a folder batch left in its inbox. */
    public BatchSummary summary(String runId, RunInfo run, int threads, Set<BatchFormat> formats, long imagesLeft) {
        long first = firstStart.get();
        long last = lastEnd.get();
        double processing = first == UNSET || last == UNSET ? 0 : Math.max(0, last - first) / 1e9;
        List<BatchFailure> listed;
        long notListed;
        synchronized (failures) {
            listed = List.copyOf(failures);
            notListed = failuresNotListed;
        }
        return new BatchSummary(runId, run, started, Instant.now(), threads, formats, done.sum(), failed.sum(), vanished.sum(),
                documents.sum(), outputs.sum(), processing, Set.copyOf(models), listed, notListed, imagesLeft);
    }
}
