package org.cnlp.server.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemJson;
import org.cnlp.server.problem.ProblemType;

/** Turns problems into {@code application/problem+json} responses, with Retry-After and WWW-Authenticate where they apply. */
final class ProblemResponses {

    static final String BEARER_CHALLENGE = "Bearer realm=\"cnlp\"";

    private ProblemResponses() {
    }

    static Response of(Problem problem, String requestId, String path) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(ProblemJson.MEDIA_TYPE)
                .entity(ProblemJson.toBytes(problem, requestId, path))
                .header(RequestIds.HEADER, requestId);
        problem.retryAfterSeconds().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        if (problem.type() == ProblemType.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        return response.build();
    }

    static Response of(Problem problem, CurrentRequest request) {
        return of(problem, request.id(), request.path());
    }
}
