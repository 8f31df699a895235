package org.cnlp.server.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ProblemJsonTest {

    @Test
    void writesRfc9457FieldsWithRequestIdAndValidValues() throws Exception {
        Problem problem = Problem.of(ProblemType.UNKNOWN_PIPELINE, "pipeline 'x' is not served here").withValidValues(List.of("dictionary"));
        JsonNode node = new ObjectMapper().readTree(ProblemJson.toBytes(problem, "req-1", "/api/v1/annotate"));
        assertEquals("urn:cnlp:problem:unknown-pipeline", node.path("type").asText());
        assertEquals("Unknown pipeline", node.path("title").asText());
        assertEquals(400, node.path("status").asInt());
        assertEquals("pipeline 'x' is not served here", node.path("detail").asText());
        assertEquals("/api/v1/annotate", node.path("instance").asText());
        assertEquals("req-1", node.path("requestId").asText());
        assertEquals("dictionary", node.path("validValues").get(0).asText());
    }

    @Test
    void leavesOutEmptyPartsButAlwaysListsValidModels() {
        JsonNode plain = ProblemJson.toTree(Problem.of(ProblemType.EMPTY_TEXT, "empty"), "r", "");
        assertFalse(plain.has("instance"));
        assertFalse(plain.has("validValues"));
        assertFalse(plain.has("reason"));
        JsonNode image = ProblemJson.toTree(Problem.of(ProblemType.INVALID_IMAGE, "truncated").withReason("TRUNCATED"), "r", "");
        assertEquals("TRUNCATED", image.path("reason").asText());
        assertEquals("urn:cnlp:problem:invalid-image", image.path("type").asText());
        JsonNode model = ProblemJson.toTree(Problem.of(ProblemType.UNKNOWN_MODEL, "no models"), "r", "");
        assertTrue(model.path("validValues").isArray() && model.path("validValues").isEmpty());
    }

    @Test
    void retryAfterIsWholeSecondsAndOnlyWhenSet() {
        assertEquals(Optional.empty(), Problem.of(ProblemType.QUEUE_FULL, "full").retryAfterSeconds());
        assertEquals(Optional.of(1L), Problem.of(ProblemType.QUEUE_FULL, "full").withRetryAfter(Duration.ofMillis(200)).retryAfterSeconds());
        assertEquals(Optional.of(7L), Problem.of(ProblemType.QUEUE_FULL, "full").withRetryAfter(Duration.ofSeconds(7)).retryAfterSeconds());
    }

    @Test
    void runtimeStatusesMapToProblemTypes() {
        assertEquals(ProblemType.UNSUPPORTED_MEDIA_TYPE, ProblemType.forStatus(415));
        assertEquals(ProblemType.NOT_ACCEPTABLE, ProblemType.forStatus(406));
        assertEquals(ProblemType.METHOD_NOT_ALLOWED, ProblemType.forStatus(405));
        assertEquals(ProblemType.NOT_FOUND, ProblemType.forStatus(404));
        assertEquals(ProblemType.INVALID_REQUEST, ProblemType.forStatus(400));
        assertEquals(ProblemType.INTERNAL_ERROR, ProblemType.forStatus(502));
        for (ProblemType type : ProblemType.values()) {
            assertTrue(type.uri().startsWith("urn:cnlp:problem:"), type.uri());
        }
    }
}
