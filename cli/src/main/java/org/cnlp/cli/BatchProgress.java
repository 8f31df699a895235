package org.cnlp.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import org.cnlp.pipeline.batch.BatchMetrics;

/**
 * The progress line of {@code cnlp batch}, drawn from {@link BatchMetrics} snapshots: files
 * done/failed/total, documents per second and ETA (a folder run), or running counts (watching).
 * Redraws in place on a terminal, prints a line every few seconds otherwise. Used from one thread.
 */
final class BatchProgress {

    private static final int BAR_WIDTH = 30;
    private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long TTY_INTERVAL_NANOS = Duration.ofMillis(200).toNanos();

    private final long initialTotal;
    private final boolean watching;
    private final PrintStream out;
    private final boolean terminal;
    private long lastDraw = System.nanoTime();

    BatchProgress(long initialTotal, boolean watching, PrintStream out) {
        this.initialTotal = initialTotal;
        this.watching = watching;
        this.out = out;
        this.terminal = System.console() != null;
    }

    /** How long to wait between updates. */
    Duration interval() {
        return Duration.ofNanos(terminal ? TTY_INTERVAL_NANOS : LOG_INTERVAL_NANOS);
    }

    void update(BatchMetrics metrics) {
        long now = System.nanoTime();
        if (now - lastDraw >= (terminal ? TTY_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
            draw(metrics);
            lastDraw = now;
        }
    }

    void finish(BatchMetrics metrics) {
        draw(metrics);
        if (terminal) {
            out.println();
        }
    }

    private void draw(BatchMetrics metrics) {
        out.print((terminal ? "\r" : "") + line(metrics) + (terminal ? "" : System.lineSeparator()));
        out.flush();
    }

    String line(BatchMetrics m) {
        long finished = m.inputsFinished();
        if (watching) {
            return String.format(Locale.ROOT, "watching: %d files done, %d failed, %d in flight, %.1f docs/s",
                    m.inputsDone(), m.inputsFailed() + m.inputsVanished(), m.inFlight(), m.documentsPerSecond());
        }
        long total = Math.max(initialTotal, finished + m.inFlight());
        int filled = total == 0 ? BAR_WIDTH : (int) Math.min(BAR_WIDTH, Math.round(BAR_WIDTH * (double) finished / total));
        double filesPerSecond = finished / Math.max(m.elapsed().toNanos() / 1e9, 1e-9);
        String eta = filesPerSecond > 0 && total > finished ? Progress.formatDuration((total - finished) / filesPerSecond) : "0:00";
        return String.format(Locale.ROOT, "[%s%s] %d/%d files, %d failed, %.1f docs/s, ETA %s", "#".repeat(filled),
                ".".repeat(BAR_WIDTH - filled), finished, total, m.inputsFailed() + m.inputsVanished(), m.documentsPerSecond(), eta);
    }
}
