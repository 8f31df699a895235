package org.cnlp.pipeline.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.cnlp.pipeline.input.TextValidator;
import org.cnlp.pipeline.io.json.CasJsonWriter;

/**
 * How a {@link FolderBatch} runs. Build with {@link #builder(Path, Path)}; the defaults suit a
 * command-line run.
 *
 * @param inbox           folder of inputs (walked recursively; hidden names skipped)
 * @param outbox          folder of outputs; must not be the inbox or inside it (it may hold the inbox)
 * @param formats         output formats per document
 * @param include         optional parts of the JSON output
 * @param prettyJson      indent the JSON output
 * @param threads         inputs annotated in parallel (give the runner at least as many instances)
 * @param watch           keep watching the inbox until stopped; otherwise finish once it is empty
 * @param pollInterval    how often the inbox is listed
 * @param settleTime      a file is taken only once it has not been modified for this long, so that
 *                        files still being written are left alone (writers that write under a hidden
 *                        name and rename need no settle time)
 * @param maxBytes        largest input file accepted
 * @param syncWrites      force outputs to the device before renaming them (survives power loss, slower)
 * @param shutdownTimeout how long {@link FolderBatch#stop()} waits for inputs in flight
 */
public record FolderBatchConfig(Path inbox, Path outbox, Set<BatchFormat> formats, Set<CasJsonWriter.Include> include,
                                boolean prettyJson, int threads, boolean watch, Duration pollInterval, Duration settleTime,
                                long maxBytes, boolean syncWrites, Duration shutdownTimeout) {

    public FolderBatchConfig {
        Path in = inbox.toAbsolutePath().normalize();
        Path out = outbox.toAbsolutePath().normalize();
        if (in.equals(out) || out.startsWith(in)) {
            throw new IllegalArgumentException("the output folder " + out + " must not be the input folder " + in
                    + " or inside it: its files would be taken as inputs");
        }
        formats = Set.copyOf(formats);
        include = Set.copyOf(include);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("at least one output format is needed");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (pollInterval.isNegative() || pollInterval.isZero() || settleTime.isNegative() || shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("pollInterval must be positive, settleTime and shutdownTimeout not negative");
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
    }

    public static Builder builder(Path inbox, Path outbox) {
        return new Builder(inbox, outbox);
    }

    /** Builder with the defaults: JSON, pretty, 2 threads, no watch, poll 250 ms, settle 1 s, 10 MiB, no sync, 30 s. */
    public static final class Builder {
        private final Path inbox;
        private final Path outbox;
        private Set<BatchFormat> formats = EnumSet.of(BatchFormat.JSON);
        private Set<CasJsonWriter.Include> include = Set.of();
        private boolean prettyJson = true;
        private int threads = 2;
        private boolean watch;
        private Duration pollInterval = Duration.ofMillis(250);
        private Duration settleTime = Duration.ofSeconds(1);
        private long maxBytes = TextValidator.DEFAULT_MAX_BYTES;
        private boolean syncWrites;
        private Duration shutdownTimeout = Duration.ofSeconds(30);

        private Builder(Path inbox, Path outbox) {
            this.inbox = inbox;
            this.outbox = outbox;
        }

        public Builder formats(Set<BatchFormat> value) {
            formats = value;
            return this;
        }

        public Builder include(Set<CasJsonWriter.Include> value) {
            include = value;
            return this;
        }

        public Builder prettyJson(boolean value) {
            prettyJson = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public Builder watch(boolean value) {
            watch = value;
            return this;
        }

        public Builder pollInterval(Duration value) {
            pollInterval = value;
            return this;
        }

        public Builder settleTime(Duration value) {
            settleTime = value;
            return this;
        }

        public Builder maxBytes(long value) {
            maxBytes = value;
            return this;
        }

        public Builder syncWrites(boolean value) {
            syncWrites = value;
            return this;
        }

        public Builder shutdownTimeout(Duration value) {
            shutdownTimeout = value;
            return this;
        }

        public FolderBatchConfig build() {
            return new FolderBatchConfig(inbox, outbox, formats, include, prettyJson, threads, watch, pollInterval, settleTime,
                    maxBytes, syncWrites, shutdownTimeout);
        }
    }
}
