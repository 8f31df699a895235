package org.cnlp.pipeline.microbatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class MicroBatcherTest {

    private static final long SEED = 20261127L;

    /** Records every batch; the first batch waits until {@link #release} opens. */
    private static final class GatedHandler implements BatchHandler<Integer, Integer> {
        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public List<Integer> process(List<Integer> batch) throws InterruptedException {
            batches.add(batch);
            entered.countDown();
            assertTrue(release.await(10, TimeUnit.SECONDS));
            return batch.stream().map(i -> i * 10).toList();
        }
    }

    private static BatchSettings settings(int maxBatch, long waitMillis, int capacity, int workers) {
        return new BatchSettings(maxBatch, Duration.ofMillis(waitMillis), capacity, workers);
    }

    @Test
    void queuedInputsAreTakenInBatchesOfAtMostMaxSizeInOrder() throws Exception {
        GatedHandler handler = new GatedHandler();
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("t", settings(4, 0, 100, 1), handler)) {
            CompletableFuture<Integer> first = batcher.submit(0);
            assertTrue(handler.entered.await(5, TimeUnit.SECONDS));
            List<CompletableFuture<Integer>> rest = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                rest.add(batcher.submit(i));
            }
            handler.release.countDown();
            assertEquals(0, first.get(5, TimeUnit.SECONDS));
            for (int i = 1; i <= 10; i++) {
                assertEquals(i * 10, rest.get(i - 1).get(5, TimeUnit.SECONDS));
            }
            assertEquals(List.of(List.of(0), List.of(1, 2, 3, 4), List.of(5, 6, 7, 8), List.of(9, 10)), handler.batches);
            BatcherStats stats = batcher.stats();
            assertEquals(11, stats.processed());
            assertEquals(4, stats.batches());
            assertEquals(4, stats.largestBatch());
            assertEquals(2.75, stats.meanBatchSize(), 1e-9);
        }
    }

    @Test
    void aLoneInputWaitsMaxWaitForCompanionsThatArriveMeanwhile() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        BatchHandler<Integer, Integer> handler = batch -> {
            batches.add(batch);
            return batch;
        };
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("t", settings(8, 1500, 100, 1), handler)) {
            long start = System.nanoTime();
            List<CompletableFuture<Integer>> futures = batcher.submitAll(List.of(1));
            CompletableFuture<Integer> second = batcher.submit(2);
            CompletableFuture<Integer> third = batcher.submit(3);
            assertEquals(1, futures.getFirst().get(5, TimeUnit.SECONDS));
            assertEquals(3, third.get(5, TimeUnit.SECONDS));
            assertEquals(2, second.get(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1400), "returned before max wait");
            assertEquals(List.of(List.of(1, 2, 3)), batches);
        }
    }

    @Test
    void aFullBatchDoesNotWaitForMaxWait() throws Exception {
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("t", settings(3, 60_000, 100, 1), batch -> batch)) {
            List<CompletableFuture<Integer>> futures = batcher.submitAll(List.of(1, 2, 3));
            assertEquals(3, futures.get(2).get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFullQueueRefusesWithARetryHintAndSubmitAllIsAllOrNothing() throws Exception {
        GatedHandler handler = new GatedHandler();
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("t", settings(10, 0, 3, 1), handler)) {
            CompletableFuture<Integer> running = batcher.submit(0);
            assertTrue(handler.entered.await(5, TimeUnit.SECONDS));
            List<CompletableFuture<Integer>> queued = batcher.submitAll(List.of(1, 2));
            QueueFullException tooMany = assertThrows(QueueFullException.class, () -> batcher.submitAll(List.of(3, 4)));
            assertTrue(tooMany.retryAfter().toSeconds() >= 1 && tooMany.retryAfter().toSeconds() <= 60, tooMany.retryAfter().toString());
            CompletableFuture<Integer> last = batcher.submit(3);
            assertThrows(QueueFullException.class, () -> batcher.submit(4));
            assertEquals(3, batcher.stats().queued());
            assertEquals(3, batcher.stats().rejected());
            handler.release.countDown();
            assertEquals(0, running.get(5, TimeUnit.SECONDS));
            assertEquals(20, queued.get(1).get(5, TimeUnit.SECONDS));
            assertEquals(30, last.get(5, TimeUnit.SECONDS));
            assertEquals(List.of(List.of(0), List.of(1, 2, 3)), handler.batches);
        }
    }

    @Test
    void aFailingHandlerFailsEveryInputOfItsBatchAndTheWorkerGoesOn() throws Exception {
        BatchHandler<Integer, Integer> handler = batch -> {
            if (batch.contains(13)) {
                throw new IllegalStateException("unlucky");
            }
            return batch;
        };
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("t", settings(4, 100, 100, 1), handler)) {
            List<CompletableFuture<Integer>> failing = batcher.submitAll(List.of(12, 13));
            ExecutionException e = assertThrows(ExecutionException.class, () -> failing.getFirst().get(5, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertThrows(ExecutionException.class, () -> failing.get(1).get(5, TimeUnit.SECONDS));
            assertEquals(7, batcher.submit(7).get(5, TimeUnit.SECONDS));
            assertEquals(2, batcher.stats().failed());
        }
    }

    @Test
    void aHandlerReturningTheWrongNumberOfOutputsFailsItsBatch() throws Exception {
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("t", settings(4, 100, 100, 1), batch -> List.of(1))) {
            List<CompletableFuture<Integer>> futures = batcher.submitAll(List.of(1, 2));
            ExecutionException e = assertThrows(ExecutionException.class, () -> futures.get(1).get(5, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
        }
    }

    @Test
    void cancelledInputsNeverReachTheHandler() throws Exception {
        GatedHandler handler = new GatedHandler();
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("t", settings(10, 0, 100, 1), handler)) {
            batcher.submit(0);
            assertTrue(handler.entered.await(5, TimeUnit.SECONDS));
            CompletableFuture<Integer> cancelled = batcher.submit(1);
            CompletableFuture<Integer> kept = batcher.submit(2);
            cancelled.cancel(false);
            handler.release.countDown();
            assertEquals(20, kept.get(5, TimeUnit.SECONDS));
            assertEquals(List.of(List.of(0), List.of(2)), handler.batches);
        }
    }

    @Test
    void aBatcherWhoseLastWorkerStoppedClosesItselfInsteadOfLeavingCallersWaiting() throws Exception {
        MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("lost", settings(4, 0, 100, 1), batch -> batch);
        assertEquals(7, batcher.submit(7).get(5, TimeUnit.SECONDS));
        Thread worker = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("cnlp-batch-lost-0"))
                .findFirst().orElseThrow();
        worker.interrupt();
        worker.join(5_000);
        assertFalse(worker.isAlive());
        assertThrows(RejectedExecutionException.class, () -> batcher.submit(8), "closed, not queued for nobody");
        batcher.close();
    }

    @Test
    void closeFailsWhatIsQueuedFinishesTheRunningBatchAndRefusesNewInput() throws Exception {
        GatedHandler handler = new GatedHandler();
        MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("t", settings(10, 0, 100, 1), handler);
        CompletableFuture<Integer> running = batcher.submit(0);
        assertTrue(handler.entered.await(5, TimeUnit.SECONDS));
        CompletableFuture<Integer> queued = batcher.submit(1);
        Thread closer = Thread.ofPlatform().start(batcher::close);
        ExecutionException e = assertThrows(ExecutionException.class, () -> queued.get(5, TimeUnit.SECONDS));
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
        assertThrows(RejectedExecutionException.class, () -> batcher.submit(2));
        handler.release.countDown();
        assertEquals(0, running.get(5, TimeUnit.SECONDS));
        closer.join(5_000);
        assertEquals(List.of(List.of(0)), handler.batches);
    }

    @Test
    void manyConcurrentCallersEachGetTheirOwnResult() throws Exception {
        Random random = new Random(SEED);
        List<Integer> sleeps = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 64; i++) {
            sleeps.add(random.nextInt(3));
        }
        BatchHandler<Integer, Integer> handler = batch -> {
            Thread.sleep(sleeps.get(Math.floorMod(batch.getFirst(), sleeps.size())));
            return batch.stream().map(i -> -i).toList();
        };
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("t", settings(5, 1, 10_000, 3), handler)) {
            ExecutorService callers = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    int base = t * 1000;
                    done.add(callers.submit(() -> {
                        for (int i = 0; i < 150; i++) {
                            int input = base + i;
                            assertEquals(-input, batcher.submit(input).get(10, TimeUnit.SECONDS));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                callers.shutdownNow();
            }
            BatcherStats stats = batcher.stats();
            assertEquals(2400, stats.processed());
            assertTrue(stats.largestBatch() > 1, "16 concurrent callers never shared a batch");
        }
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> settings(0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> settings(1, -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> settings(1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> settings(1, 0, 1, 0));
    }
}
