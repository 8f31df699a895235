package org.cnlp.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs first, while the server is still loading: the build starts it without a terminology index,
 * so it builds one from corpora-samples and loads the dictionary before it may report ready.
 */
@Order(1)
class ReadinessIT {

    private static final ItServer server = new ItServer();

    @AfterAll
    static void close() {
        server.close();
    }

    @Test
    void notReadyAndRefusingAnnotationUntilThePipelineIsLoadedThenReady() throws Exception {
        HttpResponse<String> first = server.anonymous(ItServer.plain("/health/ready"));
        assertEquals(503, first.statusCode(), "ready before the terminology index was built and loaded: " + first.body());
        JsonNode check = ItServer.json(first).path("checks").get(0);
        assertEquals("cnlp-pipelines", check.path("name").asText());
        assertEquals("loading", check.path("data").path("state").asText());

        HttpResponse<String> refused = server.postJson("/api/v1/annotate", Map.of("text", ItServer.note("chest pain")));
        assertEquals(503, refused.statusCode());
        assertEquals("urn:cnlp:problem:not-ready", ItServer.json(refused).path("type").asText());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        assertEquals(200, server.anonymous(ItServer.plain("/health/live")).statusCode());

        long deadline = System.nanoTime() + 120_000_000_000L;
        HttpResponse<String> ready = first;
        while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            ready = server.anonymous(ItServer.plain("/health/ready"));
        }
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode data = ItServer.json(ready).path("checks").get(0).path("data");
        assertEquals("ready", data.path("state").asText());
        assertEquals("dictionary", data.path("pipelines").asText());
        assertTrue(data.path("concepts").asInt() > 20_000, data.toString());
        assertEquals(200, server.postJson("/api/v1/annotate", Map.of("text", ItServer.note("chest pain"))).statusCode());
        JsonNode health = ItServer.json(server.anonymous(ItServer.plain("/health")));
        assertEquals("UP", health.path("status").asText());
    }
}
