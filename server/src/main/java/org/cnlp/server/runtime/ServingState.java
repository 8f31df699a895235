package org.cnlp.server.runtime;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemType;

/**
 * Where the server is in its life: loading, ready with its {@link Services}, failed (with a reason
 * safe to show), or closed. Owns the services once handed them: services that become ready after
 * {@link #close()} are closed at once. Thread-safe.
 */
public final class ServingState {

    /** A phase of the server's life. */
    public sealed interface Phase {
        record Loading(Instant since) implements Phase {
        }

        record Ready(Services services) implements Phase {
        }

        record Failed(String reason, Instant at) implements Phase {
        }

        record Closed() implements Phase {
        }
    }

    static final Duration RETRY_WHILE_LOADING = Duration.ofSeconds(5);

    private volatile Phase phase = new Phase.Loading(Instant.now());

    public Phase phase() {
        return phase;
    }

    /** The services, or a 503 problem saying why there are none. */
    public Services services() throws ProblemException {
        return switch (phase) {
            case Phase.Ready ready -> ready.services();
            case Phase.Loading loading -> throw new ProblemException(Problem.of(ProblemType.NOT_READY,
                    "the pipelines are loading (since " + loading.since() + "); see /health/ready")
                    .withRetryAfter(RETRY_WHILE_LOADING));
            case Phase.Failed failed -> throw new ProblemException(Problem.of(ProblemType.NOT_READY,
                    "the server failed to start: " + failed.reason()));
            case Phase.Closed closed -> throw new ProblemException(Problem.of(ProblemType.NOT_READY, "the server is shutting down")
                    .withRetryAfter(RETRY_WHILE_LOADING));
        };
    }

    /** Hands over the loaded services; closes them at once when the state is already closed. */
    public void ready(Services services) throws IOException {
        synchronized (this) {
            if (!(phase instanceof Phase.Closed)) {
                phase = new Phase.Ready(services);
                return;
            }
        }
        services.close();
    }

    public synchronized void failed(String reason) {
        if (!(phase instanceof Phase.Closed)) {
            phase = new Phase.Failed(reason, Instant.now());
        }
    }

    /** Moves to closed and closes the services if they were ready. */
    public void close() throws IOException {
        Phase previous;
        synchronized (this) {
            previous = phase;
            phase = new Phase.Closed();
        }
        if (previous instanceof Phase.Ready ready) {
            ready.services().close();
        }
    }
}
