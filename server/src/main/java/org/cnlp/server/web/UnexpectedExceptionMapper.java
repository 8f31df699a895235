package org.cnlp.server.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything else: 500 with the request id. The exception's message is neither returned nor logged
 * (a parser or library message may quote the document); the log gets its class and where it was thrown.
 */
@Provider
@ApplicationScoped
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);
    private static final int FRAMES = 8;

    @Inject
    CurrentRequest request;

    @Override
    public Response toResponse(Throwable exception) {
        String id = request.id();
        LOG.error("request {} failed: {} at {}", id, exception.getClass().getName(), Arrays.stream(exception.getStackTrace())
                .limit(FRAMES).map(StackTraceElement::toString).collect(Collectors.joining(" < ")));
        return ProblemResponses.of(Problem.of(ProblemType.INTERNAL_ERROR,
                "an unexpected error occurred; quote request id " + id + " to the operator"), request);
    }
}
