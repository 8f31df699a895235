package org.cnlp.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.io.xmi.XmiIo;
import org.cnlp.type.ClinicalEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** POST /annotate and /annotate/batch against the running server, with the real default terminology. */
class AnnotateIT {

    private static final ItServer server = new ItServer();

    @AfterAll
    static void close() {
        server.close();
    }

    private static List<String> entityTexts(JsonNode annotations) {
        List<String> texts = new ArrayList<>();
        annotations.path("entities").forEach(e -> texts.add(e.path("text").asText()));
        return texts;
    }

    @Test
    void jsonInTheCliSchemaOut() throws Exception {
        String text = ItServer.note("HPI: Denies chest pain. Mother had breast cancer.\nPlan: metformin for T2DM.");
        HttpResponse<String> response = server.postJson("/api/v1/annotate",
                Map.of("id", "note-1", "text", text, "pipeline", "dictionary", "include", List.of("TEXT", "SENTENCES")));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("dictionary", response.headers().firstValue("X-Cnlp-Pipeline").orElseThrow());
        assertTrue(response.headers().firstValue("X-Request-Id").isPresent());
        JsonNode root = ItServer.json(response);
        assertEquals("cnlp-annotations", root.path("schema").asText());
        assertEquals("1.0", root.path("version").asText());
        assertEquals("note-1", root.path("document").path("id").asText());
        assertEquals(text, root.path("text").asText());
        assertTrue(root.path("sentences").size() >= 3);
        assertTrue(root.path("sections").size() >= 2);
        for (JsonNode entity : root.path("entities")) {
            assertEquals(text.substring(entity.path("begin").asInt(), entity.path("end").asInt()), entity.path("text").asText());
            assertTrue(entity.path("confidence").asDouble() > 0);
            assertTrue(entity.has("type") && entity.has("assertion") && entity.has("concepts"));
        }
        List<String> found = entityTexts(root);
        assertTrue(found.containsAll(List.of("chest pain", "breast cancer", "T2DM")), found.toString());
        JsonNode pain = root.path("entities").get(found.indexOf("chest pain"));
        assertEquals("negated", pain.path("assertion").path("polarity").asText());
        assertEquals("family_member", root.path("entities").get(found.indexOf("breast cancer")).path("assertion").path("subject").asText());
        assertEquals("DOID:9352", root.path("entities").get(found.indexOf("T2DM")).path("concepts").get(0).path("id").asText());
    }

    @Test
    void plainTextWithQueryOptions() throws Exception {
        String text = ItServer.note("History of heart attack.");
        HttpResponse<String> response = server.post("/api/v1/annotate?id=plain-1&include=text,tokens", "text/plain; charset=UTF-8", text);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode root = ItServer.json(response);
        assertEquals("plain-1", root.path("document").path("id").asText());
        assertEquals(text, root.path("text").asText());
        assertTrue(root.path("tokens").size() > 5);
        assertEquals(List.of("heart attack"), entityTexts(root));
        assertTrue(root.path("entities").get(0).path("assertion").path("historical").asBoolean());
    }

    @Test
    void xmiWhenAskedForItLoadableByUima() throws Exception {
        String text = ItServer.note("No evidence of pneumonia.");
        HttpResponse<String> response = server.send(server.request("/api/v1/annotate").header("Content-Type", ItServer.JSON)
                .header("Accept", ItServer.XMI).POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + text + "\"}")).build());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(ItServer.XMI, response.headers().firstValue("Content-Type").orElseThrow());
        JCas jcas = JCasFactory.createJCas();
        XmiIo.read(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)), jcas);
        assertEquals(text, jcas.getDocumentText());
        ClinicalEntity pneumonia = JCasUtil.selectSingle(jcas, ClinicalEntity.class);
        assertEquals("pneumonia", pneumonia.getCoveredText());
        assertEquals(-1, pneumonia.getPolarity());
    }

    @Test
    void batchResultsInOrderWithPerDocumentErrors() throws Exception {
        HttpResponse<String> response = server.postJson("/api/v1/annotate/batch", Map.of("documents", List.of(
                Map.of("id", "a", "text", ItServer.note("Denies chest pain.")),
                Map.of("id", "b", "text", "   "),
                Map.of("id", "c", "text", ItServer.note("Old MI.")),
                Map.of("text", ItServer.note("Possible pneumonia.")))));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode root = ItServer.json(response);
        assertEquals(4, root.path("documents").asInt());
        assertEquals(3, root.path("succeeded").asInt());
        assertEquals(1, root.path("failed").asInt());
        JsonNode results = root.path("results");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertEquals(List.of("a", "b", "c", requestId + "#4"), List.of(results.get(0).path("id").asText(), results.get(1).path("id").asText(),
                results.get(2).path("id").asText(), results.get(3).path("id").asText()));
        assertEquals(List.of("chest pain"), entityTexts(results.get(0).path("annotations")));
        assertEquals(400, results.get(1).path("status").asInt());
        assertEquals("urn:cnlp:problem:empty-text", results.get(1).path("problem").path("type").asText());
        assertEquals(List.of("MI"), entityTexts(results.get(2).path("annotations")));
        assertTrue(results.get(3).path("annotations").path("entities").get(0).path("assertion").path("uncertain").asBoolean());
    }

    @Test
    void theCallersRequestIdIsEchoedAndUsedForDefaultIds() throws Exception {
        HttpResponse<String> response = server.send(server.request("/api/v1/annotate").header("Content-Type", ItServer.JSON)
                .header("X-Request-Id", "client-abc-123")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + ItServer.note("No fever.") + "\"}")).build());
        assertEquals("client-abc-123", response.headers().firstValue("X-Request-Id").orElseThrow());
        assertEquals("client-abc-123", ItServer.json(response).path("document").path("id").asText());
        HttpResponse<String> replaced = server.send(server.request("/api/v1/models").header("X-Request-Id", "bad id with spaces").GET().build());
        assertTrue(replaced.headers().firstValue("X-Request-Id").orElseThrow().matches("[0-9a-f-]{36}"));
    }
}
