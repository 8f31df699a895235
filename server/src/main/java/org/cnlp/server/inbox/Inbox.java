package org.cnlp.server.inbox;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

import org.cnlp.pipeline.batch.BatchMetrics;
import org.cnlp.pipeline.batch.BatchSummary;
import org.cnlp.pipeline.batch.FolderBatch;
import org.cnlp.pipeline.batch.FolderBatchConfig;
import org.cnlp.pipeline.batch.RunInfo;
import org.cnlp.pipeline.run.PipelineRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's inbox/outbox: a watching {@link FolderBatch} over a served pipeline's runner
 * (a {@link PipelineRunner} is thread-safe, so the inbox shares its CAS pool with the REST
 * requests). Files dropped into the inbox are annotated to JSON in the outbox and moved to
 * {@code inbox/.done/} or, with an error report, {@code inbox/.error/}.
 *
 * <p>{@link #close()} stops the batch (inputs in flight finish) and writes the run's summary to the
 * outbox; the caller closes the runner afterwards. Thread-safe.
 */
public final class Inbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final InboxSettings settings;
    private final FolderBatch batch;
    private final Object lifecycle = new Object();
    private volatile boolean running = true;

    private Inbox(InboxSettings settings, FolderBatch batch) {
        this.settings = settings;
        this.batch = batch;
    }

    /**
     * Opens the folders (creating them), recovers after an interrupted earlier run and starts watching.
     *
     * @param runner the runner of {@code settings.pipeline()}; stays open until this inbox is closed
     * @throws IOException when a folder cannot be created or another batch holds it
     */
    public static Inbox start(InboxSettings settings, PipelineRunner runner, RunInfo run) throws IOException {
        Objects.requireNonNull(runner, "runner");
        FolderBatchConfig config = FolderBatchConfig.builder(settings.inbox(), settings.outbox())
                .threads(settings.threads()).watch(true).settleTime(settings.settleTime())
                .shutdownTimeout(SHUTDOWN_TIMEOUT).build();
        FolderBatch batch = FolderBatch.open(config, runner, run);
        try {
            batch.start();
        } catch (RuntimeException e) {
            batch.stop();
            throw e;
        }
        LOG.info("cnlp inbox watching {}", settings);
        return new Inbox(settings, batch);
    }

    public InboxSettings settings() {
        return settings;
    }

    /** Whether it is watching (false once closed). */
    public boolean running() {
        return running;
    }

    /** Counters now (cheap). */
    public BatchMetrics metrics() {
        return batch.metrics();
    }

    /** What this run has done so far. */
    public BatchSummary summary() {
        return batch.summary();
    }

    /** Status for {@code GET /api/v1/inbox}. */
    public InboxStatus status() {
        return InboxStatus.of(this);
    }

    /**
     * Stops watching, lets inputs in flight finish and writes {@code batch-summary.json} and
     * {@code batch-summary.txt} to the outbox. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            batch.stop();
            try {
                batch.summary().writeTo(settings.outbox());
            } catch (IOException | RuntimeException e) {
                LOG.warn("cnlp inbox: writing the run summary to {} failed: {}", settings.outbox(), e.toString());
            }
        }
    }
}
