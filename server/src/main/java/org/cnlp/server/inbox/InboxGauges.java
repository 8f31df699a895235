package org.cnlp.server.inbox;

import java.util.List;
import java.util.function.Function;

import org.cnlp.pipeline.batch.BatchMetrics;

/**
 * The inbox's MicroProfile gauges (application scope, tagged with the pipeline), exported as
 * {@code cnlp_inbox_done}, {@code cnlp_inbox_failed}, ... on {@code /metrics}.
 */
public final class InboxGauges {

    /**
     * One gauge.
     *
     * @param name        the MicroProfile name ({@code cnlp.inbox.in.flight} is exported as {@code cnlp_inbox_in_flight})
     * @param description what it counts
     * @param value       its value in a snapshot
     */
    public record Gauge(String name, String description, Function<BatchMetrics, Number> value) {
    }

    /** Every inbox gauge. */
    public static final List<Gauge> ALL = List.of(
            new Gauge("cnlp.inbox.done", "Inbox files annotated and written to the outbox", BatchMetrics::inputsDone),
            new Gauge("cnlp.inbox.failed", "Inbox files moved to .error/ with an error report", BatchMetrics::inputsFailed),
            new Gauge("cnlp.inbox.vanished", "Inbox files deleted before they could be read", BatchMetrics::inputsVanished),
            new Gauge("cnlp.inbox.documents", "Documents annotated from the inbox", BatchMetrics::documents),
            new Gauge("cnlp.inbox.in.flight", "Inbox files taken and not finished", BatchMetrics::inFlight),
            new Gauge("cnlp.inbox.documents.per.second", "Inbox documents per second since the first one started",
                    BatchMetrics::documentsPerSecond));

    private InboxGauges() {
    }
}
