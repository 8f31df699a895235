package org.cnlp.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

    @Test
    void nerTable() {
        assertEquals("""
                NER, exact span and type, 2 documents
                type      gold  predicted  tp  fp  fn  precision  recall      f1
                ----------------------------------------------------------------
                Chemical     3          2   1   1   2     0.5000  0.3333  0.4000
                Disease      3          4   2   2   1     0.5000  0.6667  0.5714
                Gene         0          1   0   1   0     0.0000  0.0000  0.0000
                micro        6          7   3   4   3     0.4286  0.5000  0.4615
                macro                                                     0.3238
                """, NerEvaluationTest.handComputed().toTable());
    }

    @Test
    void linkingTable() {
        String table = LinkingEvaluationTest.handComputed(new ArrayList<>()).toTable();

        assertTrue(table.startsWith("Linking accuracy@1 on gold mentions, 1 documents, 1 unnormalised mentions skipped\n"), table);
        assertTrue(table.contains("\nall              6        4  0.6667          4        4           1.0000            2         1\n"), table);
        assertTrue(table.endsWith("Unreachable gold ids: 4: MESH:C535342 (1), MESH:D001241 (1), MESH:D005955 (1), MESH:D010051 (1)\n"),
                table);
    }

    @Test
    void jsonCarriesCountsAndRatios() throws Exception {
        EvaluationReport report = EvaluationReport.of("fixture dev", NerEvaluationTest.handComputed(),
                LinkingEvaluationTest.handComputed(new ArrayList<>()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeJson(out);
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));

        assertEquals(json, new ObjectMapper().readTree(report.toJsonString()));
        assertEquals("fixture dev", json.get("name").asText());
        assertEquals(2, json.at("/ner/documents").asInt());
        assertEquals(2, json.at("/ner/types/Disease/tp").asInt());
        assertEquals(4.0 / 7, json.at("/ner/types/Disease/f1").asDouble(), 1e-12);
        assertEquals(6.0 / 13, json.at("/ner/micro/f1").asDouble(), 1e-12);
        assertEquals(6, json.at("/linking/overall/mentions").asInt());
        assertEquals(1.0, json.at("/linking/overall/reachableAccuracy").asDouble());
        assertEquals(1, json.at("/linking/skippedUnnormalised").asInt());
        assertEquals(1, json.at("/linking/unreachableIds/MESH:D010051").asInt());
    }

    @Test
    void leavesOutAbsentParts() {
        EvaluationReport nerOnly = new EvaluationReport("ner only", Optional.of(NerEvaluationTest.handComputed()), Optional.empty());

        assertTrue(nerOnly.toTable().startsWith("== ner only ==\nNER, exact span"));
        assertTrue(!nerOnly.toTable().contains("Linking"));
        assertTrue(!nerOnly.toJson().has("linking"));
    }

    @Test
    void aReportWithoutLinkingHasOnlyTheNerPart() {
        EvaluationReport report = EvaluationReport.of("ner only", NerEvaluationTest.handComputed(), null);
        assertTrue(report.linking().isEmpty());
        assertTrue(report.toTable().contains("NER"), report.toTable());
    }

    @Test
    void severalLinkersAreReportedSideBySide() throws Exception {
        java.util.SequencedMap<String, LinkingReport> methods = new java.util.LinkedHashMap<>();
        methods.put("lexical", LinkingEvaluationTest.handComputed(new ArrayList<>()));
        methods.put("hybrid", LinkingEvaluationTest.handComputed(new ArrayList<>()));
        EvaluationReport report = EvaluationReport.compared("two linkers", NerEvaluationTest.handComputed(), methods);

        assertEquals(6, report.linking().orElseThrow().overall().mentions());
        String table = report.toTable();
        assertTrue(table.contains("-- linking: lexical --") && table.contains("-- linking: hybrid --"), table);
        assertTrue(table.contains("Linking accuracy@1 (all / reachable): lexical 0.6667 / 1.0000; hybrid 0.6667 / 1.0000;"),
                table);
        JsonNode json = new ObjectMapper().readTree(report.toJsonString());
        assertEquals(6, json.at("/linking/overall/mentions").asInt());
        assertEquals(6, json.at("/linkingByMethod/hybrid/overall/mentions").asInt());
        assertTrue(EvaluationReport.compared("one", NerEvaluationTest.handComputed(),
                new java.util.LinkedHashMap<>(java.util.Map.of("lexical", methods.get("lexical")))).linkingByMethod().isEmpty());
    }
}
