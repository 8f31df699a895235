package org.cnlp.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** GET /models, GET /terminology/search, health, metrics and the OpenAPI document. */
class EndpointsIT {

    private static final ItServer server = new ItServer();

    @AfterAll
    static void close() {
        server.close();
    }

    @Test
    void modelsListsThePipelineTerminologyDeviceAndMemory() throws Exception {
        HttpResponse<String> response = server.get("/api/v1/models");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode root = ItServer.json(response);
        assertEquals("cpu", root.path("device").asText());
        assertEquals("dictionary", root.path("defaultPipeline").asText());
        assertTrue(root.path("models").isArray() && root.path("models").isEmpty());
        assertFalse(root.has("vqa"), "no VQA model is configured");
        JsonNode dictionary = root.path("pipelines").get(0);
        assertEquals("dictionary", dictionary.path("name").asText());
        assertEquals("rules", dictionary.path("kind").asText());
        assertEquals("concepts", dictionary.path("steps").get(3).asText());
        assertTrue(dictionary.path("batching").path("maxBatchSize").asInt() >= 1);
        assertTrue(dictionary.path("stats").path("processed").asLong() >= 1);
        assertTrue(root.path("terminology").path("concepts").asInt() > 20_000);
        assertEquals("10.6.0", root.path("terminology").path("luceneVersion").asText());
        assertTrue(root.path("process").path("rssBytes").asLong() > 100_000_000L);
    }

    @Test
    void terminologySearchRanksTheExactSynonymFirst() throws Exception {
        HttpResponse<String> response = server.get("/api/v1/terminology/search?q=heart%20attack&top=3");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode root = ItServer.json(response);
        assertEquals("heart attack", root.path("query").asText());
        assertEquals(3, root.path("top").asInt());
        JsonNode best = root.path("matches").get(0);
        assertEquals("DOID:5844", best.path("id").asText());
        assertEquals("myocardial infarction", best.path("preferredTerm").asText());
        assertTrue(root.path("matches").size() <= 3);
        assertEquals("DOID:1612", ItServer.json(server.get("/api/v1/terminology/search?q=brest+cancer"))
                .path("matches").get(0).path("id").asText());
    }

    @Test
    void healthMetricsAndOpenApiNeedNoKey() throws Exception {
        server.postJson("/api/v1/annotate", Map.of("text", ItServer.note("No cough.")));
        assertEquals(200, server.anonymous(ItServer.plain("/health/live")).statusCode());
        assertEquals(200, server.anonymous(ItServer.plain("/health/ready")).statusCode());
        String metrics = server.anonymous(ItServer.plain("/metrics")).body();
        for (String metric : new String[] {"cnlp_annotate_latency_seconds_count", "cnlp_batcher_documents{",
                "cnlp_batcher_mean_batch_size{", "cnlp_batcher_queued{"}) {
            assertTrue(metrics.contains(metric), metric + " missing from /metrics");
        }
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("http_server_request_duration_seconds_count{")
                && l.contains("http_response_status_code=\"200\"") && l.contains("http_route=\"/api/v1/annotate\"")));
        HttpResponse<String> openapi = server.anonymous(ItServer.plain("/openapi").header("Accept", "application/json"));
        assertEquals(200, openapi.statusCode());
        JsonNode doc = ItServer.json(openapi);
        assertEquals("bearer", doc.path("components").path("securitySchemes").path("apiKey").path("scheme").asText());
        JsonNode annotate = doc.path("paths").path("/api/v1/annotate").path("post");
        assertTrue(annotate.path("requestBody").path("content").path("application/json").path("examples").size() >= 1);
        assertTrue(annotate.path("responses").path("200").path("content").has("application/vnd.uima.xmi+xml"));
        assertTrue(doc.path("paths").has("/api/v1/annotate/batch"));
        assertTrue(doc.path("paths").has("/api/v1/terminology/search"));
        assertTrue(doc.path("paths").has("/api/v1/models"));
        JsonNode vqa = doc.path("paths").path("/api/v1/vqa").path("post");
        assertTrue(vqa.path("requestBody").path("content").has("multipart/form-data"), vqa.toString());
        assertTrue(vqa.path("requestBody").path("content").path("application/json").path("examples").size() >= 1);
    }
}
