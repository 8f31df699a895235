package org.cnlp.server.web;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemType;
import org.cnlp.server.runtime.CnlpRuntime;

/**
 * Every {@code /api} call needs {@code Authorization: Bearer <API key>}: 401 without a bearer
 * credential, 403 with one that is not accepted. Runs before resource matching, so unknown paths
 * and methods reveal nothing to unauthenticated callers.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class ApiKeyFilter implements ContainerRequestFilter {

    @Inject
    CnlpRuntime runtime;

    @Inject
    CurrentRequest current;

    @Override
    public void filter(ContainerRequestContext request) {
        switch (runtime.apiKeys().check(Optional.ofNullable(request.getHeaderString(HttpHeaders.AUTHORIZATION)))) {
            case ACCEPTED -> {
            }
            case MISSING -> request.abortWith(ProblemResponses.of(Problem.of(ProblemType.UNAUTHORIZED,
                    "send an API key as 'Authorization: Bearer <key>'"), current));
            case REJECTED -> request.abortWith(ProblemResponses.of(Problem.of(ProblemType.FORBIDDEN,
                    "the API key is not accepted"), current));
        }
    }
}
