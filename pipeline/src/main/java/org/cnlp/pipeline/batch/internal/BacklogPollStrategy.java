package org.cnlp.pipeline.batch.internal;

import java.util.function.IntSupplier;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Skips a poll while at least {@code limit} inputs are still queued for the workers or being
 * worked, so that a huge inbox is taken in bounded slices and not listed again at every poll. A failed poll (the inbox vanished, an I/O error)
 * is logged once per distinct message and retried at the next interval.
 */
public final class BacklogPollStrategy implements PollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogPollStrategy.class);

    private final IntSupplier inFlight;
    private final int limit;
    private volatile String lastError = "";

    public BacklogPollStrategy(IntSupplier inFlight, int limit) {
        this.inFlight = inFlight;
        this.limit = limit;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return inFlight.getAsInt() < limit;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        lastError = "";
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        String message = String.valueOf(cause.getMessage());
        if (!message.equals(lastError)) {
            LOG.warn("listing the inbox failed: {}; retrying at the next poll", message);
            lastError = message;
        }
        return false;
    }
}
