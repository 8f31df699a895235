package org.cnlp.pipeline.microbatch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Dynamic micro-batching: inputs submitted concurrently by many callers wait in one bounded
 * queue; worker threads take them in batches of up to {@link BatchSettings#maxBatchSize()} and
 * hand each batch to the {@link BatchHandler} in one call. A worker that finds fewer inputs than a
 * full batch waits until the oldest input has waited {@link BatchSettings#maxWait()}, so that
 * requests arriving close together share one handler call (one forward pass of a model).
 *
 * <p>Back-pressure: when the queue is full, {@link #submit} throws {@link QueueFullException}
 * with a retry estimate instead of blocking. A caller that stops waiting cancels its future; a
 * cancelled input still queued is dropped before it reaches the handler.
 *
 * <p>Thread-safe. {@link #close()} stops accepting input, fails what is still queued, lets the
 * batches in progress finish (waiting up to 30 s for them) and stops the workers; the owner calls it
 * once. Should every worker stop on its own (interrupted, or an {@link Error} out of the handler),
 * the batcher closes itself the same way, so no caller waits for a future nobody completes.
 */
public final class MicroBatcher<I, O> implements AutoCloseable {

    private static final Duration MIN_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(60);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    private record Pending<I, O>(I input, CompletableFuture<O> future, long enqueuedNanos) {
    }

    private final String name;
    private final BatchSettings settings;
    private final BatchHandler<I, O> handler;
    private final long maxWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queueChanged = lock.newCondition();
    private final ArrayDeque<Pending<I, O>> queue;
    private final List<Thread> workers;
    private boolean open = true;
    private int liveWorkers;

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicInteger largestBatch = new AtomicInteger();
    /** Smoothed handler time per input, for the retry estimate. */
    private final AtomicLong nanosPerInput = new AtomicLong();

    public MicroBatcher(String name, BatchSettings settings, BatchHandler<I, O> handler) {
        this.name = name;
        this.settings = settings;
        this.handler = handler;
        this.maxWaitNanos = settings.maxWait().toNanos();
        this.queue = new ArrayDeque<>(Math.min(settings.queueCapacity(), 1024));
        List<Thread> threads = new ArrayList<>(settings.workers());
        for (int i = 0; i < settings.workers(); i++) {
            threads.add(Thread.ofPlatform().daemon().name("cnlp-batch-" + name + "-" + i).unstarted(this::work));
        }
        this.workers = List.copyOf(threads);
        this.liveWorkers = workers.size();
        workers.forEach(Thread::start);
    }

    public String name() {
        return name;
    }

    public BatchSettings settings() {
        return settings;
    }

    /** Queues one input; its future completes when its batch has been processed. */
    public CompletableFuture<O> submit(I input) throws QueueFullException {
        return submitAll(List.of(input)).getFirst();
    }

    /**
     * Queues all inputs or none: either every input gets a place in the queue (in order, so a
     * worker takes them together when they fit one batch) or a {@link QueueFullException} is thrown.
     */
    public List<CompletableFuture<O>> submitAll(List<I> inputs) throws QueueFullException {
        List<CompletableFuture<O>> futures = new ArrayList<>(inputs.size());
        lock.lock();
        try {
            if (!open) {
                rejected.addAndGet(inputs.size());
                throw new RejectedExecutionException("batcher '" + name + "' is closed");
            }
            if (queue.size() + inputs.size() > settings.queueCapacity()) {
                rejected.addAndGet(inputs.size());
                throw new QueueFullException("the queue of '" + name + "' is full (" + queue.size() + " of "
                        + settings.queueCapacity() + " places taken, " + inputs.size() + " asked)", retryEstimate(queue.size()));
            }
            long now = System.nanoTime();
            for (I input : inputs) {
                CompletableFuture<O> future = new CompletableFuture<>();
                queue.addLast(new Pending<>(input, future, now));
                futures.add(future);
            }
            accepted.addAndGet(inputs.size());
            queueChanged.signalAll();
        } finally {
            lock.unlock();
        }
        return futures;
    }

    public BatcherStats stats() {
        int queued;
        lock.lock();
        try {
            queued = queue.size();
        } finally {
            lock.unlock();
        }
        return new BatcherStats(accepted.get(), rejected.get(), processed.get(), failed.get(), batches.get(),
                largestBatch.get(), queued);
    }

    /** Time for the workers to get through {@code queued} inputs at the recent pace, in whole seconds, 1 to 60. */
    private Duration retryEstimate(int queued) {
        long nanos = nanosPerInput.get() * queued / settings.workers();
        long seconds = (nanos + 999_999_999L) / 1_000_000_000L;
        return Duration.ofSeconds(Math.clamp(seconds, MIN_RETRY.toSeconds(), MAX_RETRY.toSeconds()));
    }

    private void work() {
        List<Pending<I, O>> batch = new ArrayList<>(settings.maxBatchSize());
        try {
            while (true) {
                batch.clear();
                if (!take(batch)) {
                    return;
                }
                if (!batch.isEmpty()) {
                    run(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // A worker that leaves while the batcher is open (interrupted, or an Error) must not
            // leave callers waiting for futures nobody will complete.
            IllegalStateException gone = new IllegalStateException("a worker of batcher '" + name + "' stopped");
            batch.forEach(p -> p.future().completeExceptionally(gone));
            if (workerLost()) {
                close();
            }
        }
    }

    /** Counts a worker that stopped; true when it was the last one and the batcher is still open. */
    private boolean workerLost() {
        lock.lock();
        try {
            return --liveWorkers == 0 && open;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for inputs and moves up to one batch of them into {@code batch}.
     *
     * @return false when the batcher is closed and nothing is left to do
     */
    private boolean take(List<Pending<I, O>> batch) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                while (queue.isEmpty()) {
                    if (!open) {
                        return false;
                    }
                    queueChanged.await();
                }
                if (queue.size() >= settings.maxBatchSize() || !open) {
                    break;
                }
                long remaining = queue.peekFirst().enqueuedNanos() + maxWaitNanos - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                queueChanged.awaitNanos(remaining);
            }
            while (batch.size() < settings.maxBatchSize() && !queue.isEmpty()) {
                Pending<I, O> next = queue.pollFirst();
                if (!next.future().isDone()) {
                    batch.add(next);
                }
            }
            if (!queue.isEmpty()) {
                queueChanged.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void run(List<Pending<I, O>> batch) {
        batches.incrementAndGet();
        processed.addAndGet(batch.size());
        largestBatch.accumulateAndGet(batch.size(), Math::max);
        long start = System.nanoTime();
        List<O> outputs;
        try {
            outputs = handler.process(batch.stream().map(Pending::input).toList());
            if (outputs == null || outputs.size() != batch.size()) {
                throw new IllegalStateException("batch handler of '" + name + "' returned "
                        + (outputs == null ? "null" : outputs.size() + " outputs") + " for " + batch.size() + " inputs");
            }
        } catch (Throwable e) {
            // Handed to every caller of the batch; the worker itself carries on with the next batch.
            failed.addAndGet(batch.size());
            batch.forEach(p -> p.future().completeExceptionally(e));
            return;
        } finally {
            recordTime(System.nanoTime() - start, batch.size());
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).future().complete(outputs.get(i));
        }
    }

    private void recordTime(long nanos, int inputs) {
        long perInput = nanos / inputs;
        nanosPerInput.updateAndGet(old -> old == 0 ? perInput : (old * 7 + perInput) / 8);
    }

    @Override
    public void close() {
        List<Pending<I, O>> dropped;
        lock.lock();
        try {
            if (!open) {
                return;
            }
            open = false;
            dropped = new ArrayList<>(queue);
            queue.clear();
            queueChanged.signalAll();
        } finally {
            lock.unlock();
        }
        RejectedExecutionException closed = new RejectedExecutionException("batcher '" + name + "' closed before processing");
        dropped.forEach(p -> p.future().completeExceptionally(closed));
        rejected.addAndGet(dropped.size());
        long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
        for (Thread worker : workers) {
            if (worker == Thread.currentThread()) {
                continue;
            }
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
