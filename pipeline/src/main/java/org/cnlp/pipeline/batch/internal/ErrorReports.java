package org.cnlp.pipeline.batch.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cnlp.pipeline.batch.BatchFailure;
import org.cnlp.pipeline.batch.RunInfo;
import org.cnlp.pipeline.internal.Json;

/**
 * The error report written for a failed input ({@code "schema": "cnlp-batch-error"}): the input,
 * stage, reason code, message, document id when known, pipeline, run and time, plus where the
 * input came from (Kafka coordinates).
 */
public final class ErrorReports {

    /** {@code "schema"} of an error report. */
    public static final String SCHEMA = "cnlp-batch-error";

    private ErrorReports() {
    }

    public static byte[] render(BatchFailure failure, RunInfo run, String runId, Map<String, String> origin) throws IOException {
        ObjectNode node = Json.NODES.objectNode();
        node.put("schema", SCHEMA);
        node.put("version", "1.0");
        node.put("file", failure.source());
        node.put("stage", failure.stage().name());
        node.put("reason", failure.reason());
        node.put("message", failure.message());
        failure.documentId().ifPresent(id -> node.put("documentId", id));
        node.put("pipeline", run.pipeline());
        node.put("runId", runId);
        node.put("time", Instant.now().toString());
        origin.forEach(node::put);
        return (Json.PRETTY.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
