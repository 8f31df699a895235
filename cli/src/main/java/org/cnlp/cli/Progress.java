package org.cnlp.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A progress bar on stderr: done/failed/total, rate and ETA. Redraws in place on a terminal,
 * prints a line every few seconds otherwise (logs, CI). Thread-safe.
 */
final class Progress {

    private static final int BAR_WIDTH = 30;
    private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long TTY_INTERVAL_NANOS = Duration.ofMillis(200).toNanos();

    private final String unit;
    private final int total;
    private final PrintStream out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private long lastDraw;

    Progress(String unit, int total, PrintStream out) {
        this.unit = unit;
        this.total = total;
        this.out = out;
        this.terminal = System.console() != null;
    }

    void succeeded() {
        done.incrementAndGet();
        maybeDraw(false);
    }

    void failed() {
        done.incrementAndGet();
        failed.incrementAndGet();
        maybeDraw(false);
    }

    int done() {
        return done.get();
    }

    int failures() {
        return failed.get();
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    void finish() {
        maybeDraw(true);
        if (terminal) {
            out.println();
        }
    }

    private synchronized void maybeDraw(boolean force) {
        long now = System.nanoTime();
        long interval = terminal ? TTY_INTERVAL_NANOS : LOG_INTERVAL_NANOS;
        if (!force && now - lastDraw < interval) {
            return;
        }
        lastDraw = now;
        out.print((terminal ? "\r" : "") + line() + (terminal ? "" : System.lineSeparator()));
        out.flush();
    }

    String line() {
        int d = done.get();
        double secs = Math.max(seconds(), 1e-9);
        double rate = d / secs;
        StringBuilder bar = new StringBuilder("[");
        int filled = total <= 0 ? 0 : (int) Math.round(BAR_WIDTH * (double) d / total);
        bar.append("#".repeat(Math.min(filled, BAR_WIDTH))).append(".".repeat(Math.max(0, BAR_WIDTH - filled))).append(']');
        String eta = rate > 0 && total > d ? formatDuration((total - d) / rate) : "0:00";
        return String.format("%s %d/%d %s, %d failed, %.1f %s/s, ETA %s", bar, d, total, unit, failed.get(), rate, unit, eta);
    }

    static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
