package org.cnlp.server.inbox;

import java.util.List;
import java.util.Map;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.cnlp.pipeline.batch.BatchFailure;
import org.cnlp.pipeline.batch.BatchMetrics;
import org.cnlp.pipeline.batch.BatchSummary;

/**
 * The answer of {@code GET /api/v1/inbox}: whether the inbox is on, its folders and pipeline, its
 * counters and the run's summary so far. Everything but {@code enabled} and {@code state} is
 * absent when the inbox is off.
 *
 * @param enabled  whether {@code cnlp.inbox.dir} and {@code cnlp.outbox.dir} are set
 * @param state    {@code watching}, {@code stopped} or {@code disabled}
 * @param counts   the counters (the {@code cnlp_inbox_*} gauges)
 * @param summary  the run so far
 */
@JsonbPropertyOrder({"enabled", "state", "inbox", "outbox", "pipeline", "threads", "counts", "summary"})
public record InboxStatus(boolean enabled, String state, String inbox, String outbox, String pipeline, Integer threads,
        Counts counts, Summary summary) {

    /** Failures listed in a status, the latest ones. */
    public static final int LISTED_FAILURES = 20;

    public static final String WATCHING = "watching";
    public static final String STOPPED = "stopped";
    public static final String DISABLED = "disabled";

    /** The status of a server without an inbox. */
    public static InboxStatus disabled() {
        return new InboxStatus(false, DISABLED, null, null, null, null, null, null);
    }

    static InboxStatus of(Inbox inbox) {
        InboxSettings settings = inbox.settings();
        return new InboxStatus(true, inbox.running() ? WATCHING : STOPPED, settings.inbox().toString(),
                settings.outbox().toString(), settings.pipeline(), settings.threads(), Counts.of(inbox.metrics()),
                Summary.of(inbox.summary()));
    }

    /**
     * Counters: inputs (files) done, failed (moved to {@code .error/}), vanished (deleted before they
     * were read), finished (all three), documents written, inputs in flight, documents per second
     * since the first document started, seconds since the inbox started.
     */
    @JsonbPropertyOrder({"inputsDone", "inputsFailed", "inputsVanished", "inputsFinished", "documents", "inFlight",
            "documentsPerSecond", "elapsedSeconds"})
    public record Counts(long inputsDone, long inputsFailed, long inputsVanished, long inputsFinished, long documents,
            long inFlight, double documentsPerSecond, double elapsedSeconds) {
        static Counts of(BatchMetrics metrics) {
            return new Counts(metrics.inputsDone(), metrics.inputsFailed(), metrics.inputsVanished(), metrics.inputsFinished(),
                    metrics.documents(), metrics.inFlight(), metrics.documentsPerSecond(), metrics.elapsed().toMillis() / 1000.0);
        }
    }

    /**
     * The run so far: its id, start, outputs written, documents per second while annotating, model
     * ids seen on the entities, and the latest failures (at most {@value #LISTED_FAILURES}; the total is
     * {@code counts.inputsFailed}).
     */
    @JsonbPropertyOrder({"runId", "started", "outputs", "processingDocumentsPerSecond", "models", "versions", "failures"})
    public record Summary(String runId, String started, long outputs, double processingDocumentsPerSecond, List<String> models,
            Map<String, String> versions, List<Failure> failures) {
        static Summary of(BatchSummary summary) {
            List<BatchFailure> all = summary.failures();
            List<Failure> latest = all.subList(Math.max(0, all.size() - LISTED_FAILURES), all.size()).stream()
                    .map(Failure::of).toList();
            return new Summary(summary.runId(), summary.started().toString(), summary.outputs(),
                    summary.processingDocumentsPerSecond(), summary.models().stream().sorted().toList(),
                    summary.run().sortedVersions(), latest);
        }
    }

    /** A failed input: its path relative to the inbox, the stage, a stable reason code and a one-line message. */
    @JsonbPropertyOrder({"source", "stage", "reason", "message"})
    public record Failure(String source, String stage, String reason, String message) {
        static Failure of(BatchFailure failure) {
            return new Failure(failure.source(), failure.stage().name(), failure.reason(), failure.message());
        }
    }
}
