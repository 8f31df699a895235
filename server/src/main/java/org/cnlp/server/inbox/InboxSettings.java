package org.cnlp.server.inbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The server's inbox/outbox: a folder watched for documents and the folder their annotations are
 * written to (read from {@code cnlp.inbox.*} and {@code cnlp.outbox.dir} by the server's configuration).
 *
 * @param inbox      folder of input files (absolute, normalized)
 * @param outbox     folder of outputs; neither the inbox nor inside it
 * @param pipeline   the served pipeline that annotates the files
 * @param threads    files annotated in parallel
 * @param settleTime a file is taken once it has not been modified for this long
 */
public record InboxSettings(Path inbox, Path outbox, String pipeline, int threads, Duration settleTime) {

    /** How long a file must be left alone before it is taken, unless configured. */
    public static final Duration DEFAULT_SETTLE_TIME = Duration.ofSeconds(1);

    public InboxSettings {
        Objects.requireNonNull(pipeline, "pipeline");
        inbox = inbox.toAbsolutePath().normalize();
        outbox = outbox.toAbsolutePath().normalize();
        if (inbox.equals(outbox) || outbox.startsWith(inbox)) {
            throw new IllegalArgumentException("cnlp.outbox.dir " + outbox + " must not be cnlp.inbox.dir " + inbox
                    + " or inside it: its outputs would be taken as inputs");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("cnlp.inbox.threads must be >= 1, got " + threads);
        }
        if (settleTime.isNegative()) {
            throw new IllegalArgumentException("cnlp.inbox.settle-ms must not be negative, got " + settleTime.toMillis());
        }
    }

    @Override
    public String toString() {
        return inbox + " -> " + outbox + " (pipeline " + pipeline + ", " + threads + " threads)";
    }
}
