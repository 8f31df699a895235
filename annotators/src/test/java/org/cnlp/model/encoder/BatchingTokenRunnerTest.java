package org.cnlp.model.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cnlp.model.tokenizer.EncoderTokenizer;
import org.cnlp.model.tokenizer.TokenizerSettings;
import org.cnlp.pipeline.microbatch.BatchSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Model-level micro-batching: concurrent callers share passes and each gets exactly its own rows. */
class BatchingTokenRunnerTest {

    private static final List<String> TEXTS = List.of("The patient denies fever.", "Mother had breast cancer.",
            "No chest pain today.", "History of asthma and cough.", "Pain.", "Fever and cough and pain since Monday.");

    private static EncoderTokenizer tokenizer;
    private static TokenModel tiny;

    @BeforeAll
    static void model() {
        tokenizer = EncoderTokenizer.fromJson(TinyModels.tokenizerJson(), TokenizerSettings.untruncated(16));
        BertConfig config = TinyModels.config();
        tiny = TokenModel.create(new BertEncoder(config), TinyModels.weights(config, 11L), Device.cpu());
    }

    @AfterAll
    static void close() {
        tiny.close();
        tokenizer.close();
    }

    /** The tiny model, counting the sequences of each pass; a pass can be held at a gate or made to fail. */
    private static final class Recording implements TokenRunner {
        final List<Integer> passes = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch gate = new CountDownLatch(0);
        final AtomicInteger failPasses = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public int outputSize() {
            return tiny.outputSize();
        }

        @Override
        public int maxSequenceLength() {
            return tiny.maxSequenceLength();
        }

        @Override
        public List<float[]> forward(EncoderBatch batch) {
            passes.add(batch.size());
            entered.countDown();
            try {
                assertTrue(gate.await(30, TimeUnit.SECONDS), "gate opened");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (failPasses.getAndDecrement() > 0) {
                throw new IllegalStateException("engine failure");
            }
            return tiny.forward(batch);
        }

        @Override
        public String engineDescription() {
            return "recording";
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static EncoderBatch batchOf(String... texts) {
        return EncoderBatch.of(tokenizer.encode(List.of(texts)), tokenizer.padId());
    }

    private static void assertRowsEqual(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), 1e-5f, "row " + i);
        }
    }

    @Test
    void rowsRoundTripThroughAMergedBatch() {
        EncoderBatch batch = batchOf("No chest pain today.", "Pain.");
        List<EncoderBatch.Row> rows = batch.rows();
        assertEquals(batch.sequenceLength(1), rows.get(1).length());
        EncoderBatch merged = EncoderBatch.ofRows(List.of(rows.get(1), rows.get(0)), tokenizer.padId());
        assertEquals(batch.length(), merged.length());
        assertEquals(batch.sequenceLength(0), merged.sequenceLength(1));
        assertEquals(batch.tokenCount(), merged.tokenCount());
        assertRowsEqual(tiny.forward(batch), List.of(tiny.forward(merged).get(1), tiny.forward(merged).get(0)));
    }

    @Test
    void concurrentCallersShareOnePassAndEachGetsItsOwnRows() throws Exception {
        Recording recording = new Recording();
        recording.gate = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(TEXTS.size());
        try (BatchingTokenRunner runner = new BatchingTokenRunner("tiny", recording, tokenizer.padId(), BatchingTokenRunner.settings(64, Duration.ZERO))) {
            // The first caller's pass is held at the gate, so all the others queue behind it and share the next pass.
            List<Future<List<float[]>>> results = new ArrayList<>();
            results.add(callers.submit(() -> runner.forward(batchOf(TEXTS.getFirst()))));
            assertTrue(recording.entered.await(30, TimeUnit.SECONDS));
            for (String text : TEXTS.subList(1, TEXTS.size())) {
                results.add(callers.submit(() -> runner.forward(batchOf(text, text + " Again."))));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (runner.stats().queued() < 2 * (TEXTS.size() - 1) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            recording.gate.countDown();
            assertRowsEqual(tiny.forward(batchOf(TEXTS.getFirst())), results.getFirst().get(30, TimeUnit.SECONDS));
            for (int i = 1; i < TEXTS.size(); i++) {
                String text = TEXTS.get(i);
                assertRowsEqual(tiny.forward(batchOf(text, text + " Again.")), results.get(i).get(30, TimeUnit.SECONDS));
            }
            assertEquals(List.of(1, 2 * (TEXTS.size() - 1)), recording.passes, "one pass held, then one merged pass");
            assertEquals(2, runner.stats().batches());
            assertEquals(0, runner.directSequences());
            assertTrue(runner.engineDescription().contains("shared passes of up to 64"), runner.engineDescription());
        } finally {
            callers.shutdownNow();
        }
        assertTrue(recording.closed.get(), "closing the batching runner closes the model");
    }

    @Test
    void aLongCallerIsCutIntoPassesOfAtMostTheBatchSize() {
        Recording recording = new Recording();
        String[] texts = new String[11];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = TEXTS.get(i % TEXTS.size());
        }
        try (BatchingTokenRunner runner = new BatchingTokenRunner("tiny", recording, tokenizer.padId(), BatchingTokenRunner.settings(4, Duration.ZERO))) {
            assertRowsEqual(tiny.forward(batchOf(texts)), runner.forward(batchOf(texts)));
        }
        assertEquals(List.of(4, 4, 3), recording.passes);
    }

    @Test
    void whenTheQueueIsFullTheCallerRunsItsOwnPass() throws Exception {
        Recording recording = new Recording();
        recording.gate = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try (BatchingTokenRunner runner = new BatchingTokenRunner("tiny", recording, tokenizer.padId(), new BatchSettings(2, Duration.ZERO, 2, 1))) {
            Future<List<float[]>> held = callers.submit(() -> runner.forward(batchOf(TEXTS.get(0), TEXTS.get(1))));
            assertTrue(recording.entered.await(30, TimeUnit.SECONDS));
            Future<List<float[]>> queued = callers.submit(() -> runner.forward(batchOf(TEXTS.get(2), TEXTS.get(3))));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (runner.stats().queued() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            // The queue is full and its worker held: the third caller runs its own pass (also held at the gate).
            Future<List<float[]>> overflow = callers.submit(() -> runner.forward(batchOf(TEXTS.get(4))));
            while (recording.passes.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, runner.directSequences());
            recording.gate.countDown();
            assertRowsEqual(tiny.forward(batchOf(TEXTS.get(4))), overflow.get(30, TimeUnit.SECONDS));
            assertRowsEqual(tiny.forward(batchOf(TEXTS.get(0), TEXTS.get(1))), held.get(30, TimeUnit.SECONDS));
            assertRowsEqual(tiny.forward(batchOf(TEXTS.get(2), TEXTS.get(3))), queued.get(30, TimeUnit.SECONDS));
            assertEquals(List.of(2, 1, 2), recording.passes);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aCallerWhoseSharedPassFailedRunsItsOwnOnceAndOnlyItsOwnFailureReachesIt() {
        Recording recording = new Recording();
        try (BatchingTokenRunner runner = new BatchingTokenRunner("tiny", recording, tokenizer.padId(), BatchingTokenRunner.settings(8, Duration.ZERO))) {
            recording.failPasses.set(1);
            assertRowsEqual(tiny.forward(batchOf(TEXTS.get(0))), runner.forward(batchOf(TEXTS.get(0))));
            assertEquals(1, runner.stats().failed());
            assertEquals(1, runner.directSequences(), "run again alone");

            recording.failPasses.set(2);
            IllegalStateException failure = assertThrows(IllegalStateException.class, () -> runner.forward(batchOf(TEXTS.get(1))));
            assertEquals("engine failure", failure.getMessage());
            assertRowsEqual(tiny.forward(batchOf(TEXTS.get(2))), runner.forward(batchOf(TEXTS.get(2))));
            assertEquals(List.of(1, 1, 1, 1, 1), recording.passes);
        }
    }

    @Test
    void forwardsAfterCloseAreRefusedAndTooLongBatchesToo() {
        Recording recording = new Recording();
        BatchingTokenRunner runner = new BatchingTokenRunner("tiny", recording, tokenizer.padId(), BatchingTokenRunner.settings(8, Duration.ofMillis(2)));
        assertEquals(recording.maxSequenceLength(), runner.maxSequenceLength());
        assertTrue(runner.engineDescription().contains("waiting up to 2 ms"), runner.engineDescription());
        runner.close();
        assertTrue(recording.closed.get());
        assertThrows(RuntimeException.class, () -> runner.forward(batchOf(TEXTS.get(0))));
    }
}
