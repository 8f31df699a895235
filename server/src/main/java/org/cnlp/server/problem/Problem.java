package org.cnlp.server.problem;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One API error: its type, a detail for the caller and, when the caller chose from a fixed set
 * (pipelines, models, include parts), the valid values. Details name fields, limits and ids,
 * never document text.
 *
 * @param retryAfter when the caller may retry (429, 503), zero when not applicable
 * @param reason     a machine-readable refinement of the type (why an image was refused: {@code TRUNCATED}, ...), or
 *                   an empty string
 */
public record Problem(ProblemType type, String detail, List<String> validValues, Duration retryAfter, String reason) {

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        validValues = List.copyOf(validValues);
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(reason, "reason");
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type, detail, List.of(), Duration.ZERO, "");
    }

    public Problem withValidValues(List<String> values) {
        return new Problem(type, detail, values, retryAfter, reason);
    }

    public Problem withRetryAfter(Duration after) {
        return new Problem(type, detail, validValues, after, reason);
    }

    public Problem withReason(String why) {
        return new Problem(type, detail, validValues, retryAfter, why);
    }

    public int status() {
        return type.status();
    }

    /** Whole seconds for a {@code Retry-After} header, when one applies. */
    public Optional<Long> retryAfterSeconds() {
        return retryAfter.isZero() ? Optional.empty() : Optional.of(Math.max(1, retryAfter.toSeconds()));
    }

    /** This problem as an exception, for code that reports it by throwing. */
    public ProblemException toException() {
        return new ProblemException(this);
    }
}
