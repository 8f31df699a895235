package org.cnlp.server.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.cnlp.server.problem.ProblemException;

/** The API's own errors, as thrown by the services. */
@Provider
@ApplicationScoped
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

    @Inject
    CurrentRequest request;

    @Override
    public Response toResponse(ProblemException exception) {
        return ProblemResponses.of(exception.problem(), request);
    }
}
