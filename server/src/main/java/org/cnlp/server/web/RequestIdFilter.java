package org.cnlp.server.web;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} or a new one), returns it in the
 * response header and logs one line per request: id, method, matched resource, status and time.
 * Never the body, the query string or an unmatched path. (Counts and times per route and status
 * are Liberty's {@code http_server_request_duration_seconds} metrics.)
 */
@Provider
@PreMatching
@Priority(100)
@ApplicationScoped
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestIdFilter.class);

    @Inject
    CurrentRequest current;

    @Override
    public void filter(ContainerRequestContext request) {
        String id = RequestIds.accept(request.getHeaderString(RequestIds.HEADER));
        current.start(id, request.getUriInfo().getRequestUri().getRawPath());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String id = current.id();
        response.getHeaders().putSingle(RequestIds.HEADER, id);
        long millis = current.elapsedMillis();
        List<String> matched = request.getUriInfo().getMatchedURIs();
        String resource = matched.isEmpty() ? "(no resource)" : "/" + matched.getFirst();
        LOG.info("request {} {} {} -> {} in {} ms", id, request.getMethod(), resource, response.getStatus(), millis);
    }
}
