package org.cnlp.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once: each result must belong to its own request (id, length, the one finding
 * its note holds), and a queue full of batches answers 429 with Retry-After instead of waiting.
 */
class ConcurrencyIT {

    private static final long SEED = 7_2026L;
    private static final String[] FINDINGS = {"chest pain", "breast cancer", "heart attack", "pneumonia", "asthma", "migraine"};

    private static final ItServer server = new ItServer();

    @AfterAll
    static void close() {
        server.close();
    }

    @Test
    void thirtyTwoParallelClientsGetTheirOwnUnmixedResults() throws Exception {
        Random random = new Random(SEED);
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 320; i++) {
                String finding = FINDINGS[random.nextInt(FINDINGS.length)];
                String id = "c-" + i;
                String text = ItServer.note("visit " + i + ". " + "Stable. ".repeat(random.nextInt(40)) + "History of " + finding + ".");
                boolean batch = i % 5 == 0;
                calls.add(clients.submit(() -> {
                    JsonNode annotations;
                    if (batch) {
                        HttpResponse<String> response = server.postJson("/api/v1/annotate/batch",
                                Map.of("documents", List.of(Map.of("id", id, "text", text), Map.of("id", id + "-b", "text", text))));
                        assertEquals(200, response.statusCode(), response.body());
                        JsonNode results = ItServer.json(response).path("results");
                        assertEquals(id + "-b", results.get(1).path("annotations").path("document").path("id").asText());
                        annotations = results.get(0).path("annotations");
                    } else {
                        HttpResponse<String> response = server.postJson("/api/v1/annotate", Map.of("id", id, "text", text));
                        assertEquals(200, response.statusCode(), response.body());
                        annotations = ItServer.json(response);
                    }
                    assertEquals(id, annotations.path("document").path("id").asText());
                    assertEquals(text.length(), annotations.path("textLength").asInt());
                    List<String> found = new ArrayList<>();
                    annotations.path("entities").forEach(e -> found.add(e.path("text").asText()));
                    assertEquals(List.of(finding), found, id);
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aDefaultJdkClientThatOffersTheHttp2UpgradeIsServedOverHttp11() throws Exception {
        String key = ItServer.key();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try (HttpClient http = HttpClient.newHttpClient()) {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String text = ItServer.note("old MI, visit " + i + ".");
                calls.add(clients.submit(() -> http.send(HttpRequest.newBuilder(URI.create(ItServer.baseUrl() + "/api/v1/annotate"))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key).header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString())));
            }
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get(60, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
                assertEquals(HttpClient.Version.HTTP_1_1, response.version());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aFullQueueAnswers429WithRetryAfterAndTheRetrySucceeds() throws Exception {
        String longNote = ItServer.note("History of asthma. " + "The patient is stable and comfortable today. ".repeat(100));
        List<Map<String, String>> documents = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            documents.add(Map.of("text", longNote));
        }
        Map<String, Object> body = Map.of("documents", documents);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<HttpResponse<String>> responses = new ArrayList<>();
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(clients.submit(() -> server.postJson("/api/v1/annotate/batch", body)));
            }
            for (Future<HttpResponse<String>> call : calls) {
                responses.add(call.get(120, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertTrue(!refused.isEmpty(), "8 concurrent batches of 64 long notes never filled a queue of 64");
        for (HttpResponse<String> response : responses) {
            if (response.statusCode() == 200) {
                assertEquals(64, ItServer.json(response).path("succeeded").asInt());
            }
        }
        HttpResponse<String> full = refused.getFirst();
        assertEquals("urn:cnlp:problem:queue-full", ItServer.json(full).path("type").asText());
        long retryAfter = Long.parseLong(full.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        HttpResponse<String> retried = server.postJson("/api/v1/annotate/batch", body);
        assertEquals(200, retried.statusCode(), retried.body());
    }
}
