package org.cnlp.server.web;

import jakarta.enterprise.context.RequestScoped;

/** The id and path of the request being served, set by {@link RequestIdFilter} before anything else runs. */
@RequestScoped
public class CurrentRequest {

    private String id = RequestIds.accept(null);
    private String path = "";
    private long startNanos = System.nanoTime();

    void start(String requestId, String requestPath) {
        this.id = requestId;
        this.path = requestPath;
        this.startNanos = System.nanoTime();
    }

    public String id() {
        return id;
    }

    public String path() {
        return path;
    }

    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
