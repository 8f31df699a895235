package org.cnlp.server.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.cnlp.server.annotate.OutputFormat;
import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemType;

/**
 * Errors the REST runtime raises itself (no such resource, method, media type, ...) as problems.
 * The detail is written here per status: the runtime's own messages are not passed on.
 */
@Provider
@ApplicationScoped
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Inject
    CurrentRequest request;

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        Response response = ProblemResponses.of(Problem.of(type, detail(status)), request);
        String allow = exception.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? response : Response.fromResponse(response).header(HttpHeaders.ALLOW, allow).build();
    }

    private static String detail(int status) {
        return switch (status) {
            case 404 -> "no such resource; see /openapi";
            case 405 -> "this resource does not take that method";
            case 406 -> "this resource produces application/json (and for /annotate also " + OutputFormat.XMI_MEDIA_TYPE + ")";
            case 415 -> "unsupported Content-Type: /annotate takes application/json or text/plain, /annotate/batch application/json,"
                    + " in UTF-8; /vqa multipart/form-data or application/json";
            default -> "the request cannot be processed (HTTP " + status + ")";
        };
    }
}
