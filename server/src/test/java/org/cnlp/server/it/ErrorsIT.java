package org.cnlp.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every error the API promises, each as application/problem+json with the request id. */
class ErrorsIT {

    /** The IT server's cnlp.request.max-bytes (src/it/liberty/server.env). */
    private static final int MAX_BYTES = 1_048_576;

    private static final ItServer server = new ItServer();

    @AfterAll
    static void close() {
        server.close();
    }

    private static JsonNode problem(HttpResponse<String> response, int status, String type) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode problem = ItServer.json(response);
        assertEquals("urn:cnlp:problem:" + type, problem.path("type").asText());
        assertEquals(status, problem.path("status").asInt());
        assertFalse(problem.path("title").asText().isEmpty());
        assertFalse(problem.path("detail").asText().isEmpty());
        assertEquals(response.headers().firstValue("X-Request-Id").orElseThrow(), problem.path("requestId").asText());
        assertFalse(response.body().contains(ItServer.MARKER), "a problem quotes the note: " + response.body());
        return problem;
    }

    @Test
    void aMissingOrNonBearerCredentialIs401AndAWrongKey403() throws Exception {
        HttpRequest.Builder annotate = ItServer.plain("/api/v1/annotate").header("Content-Type", ItServer.JSON)
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + ItServer.note("x") + "\"}"));
        HttpResponse<String> none = server.anonymous(annotate);
        problem(none, 401, "unauthorized");
        assertEquals("Bearer realm=\"cnlp\"", none.headers().firstValue("WWW-Authenticate").orElseThrow());
        problem(server.anonymous(ItServer.plain("/api/v1/models").header("Authorization", "Basic dXNlcjpwYXNz")), 401, "unauthorized");
        problem(server.anonymous(ItServer.plain("/api/v1/models").header("Authorization", "Bearer not-the-key-0123456789")), 403, "forbidden");
        problem(server.anonymous(ItServer.plain("/api/v1/no-such-thing").header("Authorization", "Bearer wrong")), 403, "forbidden");
        problem(server.anonymous(ItServer.plain("/api/v1/terminology/search?q=mi")), 401, "unauthorized");
        assertEquals(200, server.anonymous(ItServer.plain("/health/ready")).statusCode());
    }

    @Test
    void emptyTextIs400() throws Exception {
        problem(server.postJson("/api/v1/annotate", Map.of("text", " \n ")), 400, "empty-text");
        problem(server.post("/api/v1/annotate", "text/plain", ""), 400, "empty-text");
        problem(server.postJson("/api/v1/annotate/batch", Map.of("documents", List.of())), 400, "empty-text");
    }

    @Test
    void malformedJsonIs400WithALocationAndNoContent() throws Exception {
        JsonNode problem = problem(server.post("/api/v1/annotate", ItServer.JSON, "{\"text\": \"" + ItServer.note("cut off")), 400,
                "malformed-json");
        assertTrue(problem.path("detail").asText().contains("line 1"), problem.toString());
        problem(server.post("/api/v1/annotate", ItServer.JSON, "{\"text\": " + ItServer.MARKER + "}"), 400, "malformed-json");
        problem(server.post("/api/v1/annotate/batch", ItServer.JSON, "{\"documents\": [" + ItServer.MARKER), 400, "malformed-json");
        problem(server.postJson("/api/v1/annotate", Map.of("txt", ItServer.note("typo"))), 400, "invalid-request");
        problem(server.postJson("/api/v1/annotate", List.of(ItServer.note("array"))), 400, "invalid-request");
    }

    @Test
    void invalidUtf8Is400() throws Exception {
        byte[] latin1 = ItServer.note("caf\u00e9 au lait intolerance").getBytes(StandardCharsets.ISO_8859_1);
        problem(server.post("/api/v1/annotate", "text/plain", latin1), 400, "invalid-utf8");
        byte[] json = ("{\"text\": \"" + ItServer.note("caf\u00e9") + "\"}").getBytes(StandardCharsets.ISO_8859_1);
        problem(server.post("/api/v1/annotate", ItServer.JSON, json), 400, "invalid-utf8");
        problem(server.post("/api/v1/annotate", "text/plain", new byte[] {'a', 0, 0, 'b'}), 400, "binary-content");
    }

    @Test
    void unknownPipelineOrModelIs400WithTheValidNames() throws Exception {
        JsonNode pipeline = problem(server.postJson("/api/v1/annotate", Map.of("text", ItServer.note("x"), "pipeline", "bert")), 400,
                "unknown-pipeline");
        assertEquals("dictionary", pipeline.path("validValues").get(0).asText());
        assertTrue(pipeline.path("detail").asText().contains("dictionary"));
        for (String model : List.of("teacher", "student")) {
            JsonNode problem = problem(server.postJson("/api/v1/annotate", Map.of("text", ItServer.note("x"), "model", model)), 400,
                    "unknown-model");
            assertTrue(problem.path("validValues").isArray() && problem.path("validValues").isEmpty(), problem.toString());
            assertTrue(problem.path("detail").asText().contains("served pipelines: dictionary"), problem.toString());
        }
        problem(server.post("/api/v1/annotate?pipeline=bert", "text/plain", ItServer.note("x")), 400, "unknown-pipeline");
        problem(server.postJson("/api/v1/annotate/batch", Map.of("documents", List.of(Map.of("text", ItServer.note("x"))),
                "model", "teacher")), 400, "unknown-model");
        problem(server.postJson("/api/v1/annotate", Map.of("text", ItServer.note("x"), "include", List.of("PARAGRAPHS"))), 400,
                "invalid-request");
    }

    @Test
    void anOversizedBodyIs413DeclaredOrStreamed() throws Exception {
        byte[] big = ItServer.note("a".repeat(MAX_BYTES)).getBytes(StandardCharsets.UTF_8);
        problem(server.post("/api/v1/annotate", "text/plain", big), 413, "too-large");
        HttpResponse<String> chunked = server.send(server.request("/api/v1/annotate").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        problem(chunked, 413, "too-large");
        List<Map<String, String>> documents = java.util.Collections.nCopies(65, Map.of("text", ItServer.note("x")));
        problem(server.postJson("/api/v1/annotate/batch", Map.of("documents", documents)), 413, "too-large");
    }

    @Test
    void unknownMediaTypesAre415AndUnproducibleOnes406() throws Exception {
        problem(server.post("/api/v1/annotate", "application/xml", "<note>" + ItServer.MARKER + "</note>"), 415, "unsupported-media-type");
        problem(server.post("/api/v1/annotate", "text/plain; charset=ISO-8859-1", ItServer.note("x")), 415, "unsupported-media-type");
        problem(server.post("/api/v1/annotate/batch", "text/plain", ItServer.note("x")), 415, "unsupported-media-type");
        problem(server.send(server.request("/api/v1/annotate").header("Content-Type", ItServer.JSON).header("Accept", "image/png")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + ItServer.note("x") + "\"}")).build()), 406, "not-acceptable");
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() throws Exception {
        problem(server.get("/api/v1/no-such-thing"), 404, "not-found");
        HttpResponse<String> get = server.get("/api/v1/annotate");
        problem(get, 405, "method-not-allowed");
        assertTrue(get.headers().firstValue("Allow").orElseThrow().contains("POST"));
    }

    @Test
    void vqaNeedsACredentialValidatesItsBodyAndIs503WithoutAModel() throws Exception {
        problem(server.anonymous(ItServer.plain("/api/v1/vqa").header("Content-Type", ItServer.JSON)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 401, "unauthorized");
        String multipart = "multipart/form-data; boundary=cnlpItBoundary";
        byte[] onlyImage = ("--cnlpItBoundary\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\n"
                + "PNG bytes\r\n--cnlpItBoundary--\r\n").getBytes(StandardCharsets.US_ASCII);
        assertTrue(problem(server.post("/api/v1/vqa", multipart, onlyImage), 400, "invalid-request").path("detail").asText()
                .contains("question"));
        problem(server.post("/api/v1/vqa", ItServer.JSON, "{\"image\": "), 400, "malformed-json");
        problem(server.postJson("/api/v1/vqa", Map.of("image", "not base64!", "question", "Is it?")), 400, "invalid-request");
        problem(server.postJson("/api/v1/vqa", Map.of("image", "AAAA", "questions", List.of(" "))), 400, "empty-text");
        problem(server.post("/api/v1/vqa", "text/plain", "Is it?"), 415, "unsupported-media-type");
        problem(server.post("/api/v1/vqa", multipart, new byte[MAX_BYTES + 1]), 413, "too-large");
        byte[] valid = ("--cnlpItBoundary\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\n"
                + "PNG bytes\r\n--cnlpItBoundary\r\nContent-Disposition: form-data; name=\"question\"\r\n\r\nIs it normal?\r\n"
                + "--cnlpItBoundary--\r\n").getBytes(StandardCharsets.US_ASCII);
        JsonNode unavailable = problem(server.post("/api/v1/vqa", multipart, valid), 503, "model-unavailable");
        assertTrue(unavailable.path("detail").asText().contains("cnlp.vqa.model"), unavailable.toString());
    }

    @Test
    void terminologySearchValidatesItsParameters() throws Exception {
        problem(server.get("/api/v1/terminology/search"), 400, "invalid-request");
        problem(server.get("/api/v1/terminology/search?q=mi&top=abc"), 400, "invalid-request");
        problem(server.get("/api/v1/terminology/search?q=mi&top=1000"), 400, "invalid-request");
    }
}
