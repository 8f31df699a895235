package org.cnlp.server.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.cnlp.annotators.pipelines.PipelineCatalog;
import org.cnlp.annotators.pipelines.PipelineContext;
import org.cnlp.annotators.pipelines.PipelineFactory;
import org.cnlp.pipeline.io.json.CasJsonWriter.Include;
import org.cnlp.pipeline.io.xmi.XmiIo;
import org.cnlp.pipeline.run.PipelineRunner;
import org.cnlp.server.TinyTerminology;
import org.cnlp.pipeline.microbatch.BatchSettings;
import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemType;
import org.cnlp.type.ClinicalEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The annotation service over the real dictionary pipeline (tiny terminology) and over fakes for back-pressure and timeouts. */
class AnnotationServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path indexDir;

    private static PipelineRegistry registry;
    private static AnnotationService service;

    @BeforeAll
    static void startDictionaryPipeline() throws Exception {
        TinyTerminology.build(indexDir);
        PipelineRunner runner = PipelineRunner.create(PipelineFactory.aggregate(PipelineCatalog.builtIn().get("dictionary"),
                new PipelineContext(indexDir)), 2);
        PipelineInfo info = new PipelineInfo("dictionary", "test", PipelineInfo.RULES, Optional.empty(), List.of("all"), "tiny");
        registry = new PipelineRegistry(List.of(new ServedPipeline(info, new BatchSettings(8, Duration.ofMillis(1), 64, 2),
                new CasBatchHandler(runner), runner::close)), "dictionary");
        service = new AnnotationService(registry, TIMEOUT);
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    private static AnnotateRequest request(String id, String text, Include... include) {
        EnumSet<Include> parts = EnumSet.noneOf(Include.class);
        parts.addAll(List.of(include));
        return new AnnotateRequest(new DocumentInput(id, text), Selection.DEFAULT, parts);
    }

    private static JsonNode json(byte[] body) throws Exception {
        return JSON.readTree(body);
    }

    @Test
    void returnsTheCliJsonSchemaWithOffsetsAssertionAndConcepts() throws Exception {
        String text = "HPI: Denies chest pain. Mother had breast cancer.\nPlan: start metformin.";
        AnnotationResult result = service.annotate(request("n1", text, Include.SENTENCES), OutputFormat.JSON);
        assertEquals("dictionary", result.pipeline());
        JsonNode root = json(result.body());
        assertEquals("cnlp-annotations", root.path("schema").asText());
        assertEquals("n1", root.path("document").path("id").asText());
        assertEquals("request", root.path("document").path("source").asText());
        assertEquals(text.length(), root.path("textLength").asInt());
        assertTrue(root.path("sentences").size() >= 3);
        assertEquals(List.of("hpi", "plan"), root.path("sections").findValuesAsText("name"));
        List<String> mentions = new ArrayList<>();
        for (JsonNode entity : root.path("entities")) {
            String covered = text.substring(entity.path("begin").asInt(), entity.path("end").asInt());
            assertEquals(covered, entity.path("text").asText());
            mentions.add(covered);
        }
        assertEquals(List.of("chest pain", "breast cancer", "metformin"), mentions);
        assertEquals(3, result.entities());
        JsonNode pain = root.path("entities").get(0);
        assertEquals("negated", pain.path("assertion").path("polarity").asText());
        assertEquals("HP:0100749", pain.path("concepts").get(0).path("id").asText());
        assertEquals("family_member", root.path("entities").get(1).path("assertion").path("subject").asText());
    }

    @Test
    void returnsXmiThatUimaReadsBack() throws Exception {
        String text = "History of heart attack.";
        AnnotationResult result = service.annotate(request("x1", text), OutputFormat.XMI);
        JCas jcas = JCasFactory.createJCas();
        XmiIo.read(new ByteArrayInputStream(result.body()), jcas);
        assertEquals(text, jcas.getDocumentText());
        ClinicalEntity entity = JCasUtil.selectSingle(jcas, ClinicalEntity.class);
        assertEquals("heart attack", entity.getCoveredText());
        assertEquals("DOID:5844", entity.getConcepts(0).getConceptId());
    }

    @Test
    void aBatchAnswersInOrderWithPerDocumentProblems() throws Exception {
        BatchRequest batch = new BatchRequest(List.of(
                new BatchEntry.Ready(new DocumentInput("a", "Old MI.")),
                new BatchEntry.Rejected("b", Problem.of(ProblemType.EMPTY_TEXT, "/documents/1/text: empty")),
                new BatchEntry.Ready(new DocumentInput("c", "T2DM, no chest pain."))), Selection.DEFAULT, Set.of(Include.TEXT));
        AnnotationService.BatchResult result = service.annotateBatch(batch, "req-9");
        assertEquals(2, result.succeeded());
        JsonNode root = json(result.json());
        assertEquals(3, root.path("documents").asInt());
        assertEquals(1, root.path("failed").asInt());
        JsonNode results = root.path("results");
        assertEquals(List.of("a", "b", "c"), List.of(results.get(0).path("id").asText(), results.get(1).path("id").asText(),
                results.get(2).path("id").asText()));
        assertEquals(200, results.get(0).path("status").asInt());
        assertEquals("Old MI.", results.get(0).path("annotations").path("text").asText());
        assertEquals("MI", results.get(0).path("annotations").path("entities").get(0).path("text").asText());
        assertEquals(400, results.get(1).path("status").asInt());
        assertEquals("urn:cnlp:problem:empty-text", results.get(1).path("problem").path("type").asText());
        assertEquals("req-9", results.get(1).path("problem").path("requestId").asText());
        assertEquals("c", results.get(2).path("annotations").path("document").path("id").asText());
        assertEquals(2, results.get(2).path("annotations").path("entities").size());
    }

    @Test
    void concurrentRequestsGetTheirOwnResults() throws Exception {
        Random random = new Random(42);
        String[] findings = {"chest pain", "breast cancer", "heart attack", "T2DM", "metformin"};
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                String finding = findings[random.nextInt(findings.length)];
                String id = "doc-" + i;
                String text = "Note " + i + ": " + "x ".repeat(random.nextInt(50)) + "history of " + finding + ".";
                calls.add(clients.submit(() -> {
                    JsonNode root = json(service.annotate(request(id, text), OutputFormat.JSON).body());
                    assertEquals(id, root.path("document").path("id").asText());
                    assertEquals(text.length(), root.path("textLength").asInt());
                    assertEquals(List.of(finding), root.path("entities").findValuesAsText("text"));
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertTrue(registry.resolve(Selection.DEFAULT).stats().processed() >= 120);
    }

    @Test
    void aFullQueueIsTooManyRequestsWithRetryAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        try (PipelineRegistry blocked = new PipelineRegistry(List.of(FakePipelines.pipeline("slow", Optional.empty(),
                new BatchSettings(1, Duration.ZERO, 1, 1), batch -> {
                    entered.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return batch.stream().<AnnotationOutcome>map(t -> new AnnotationOutcome.Annotated(new byte[0], 0)).toList();
                })), "slow")) {
            AnnotationService slow = new AnnotationService(blocked, TIMEOUT);
            ExecutorService clients = Executors.newFixedThreadPool(2);
            try {
                Future<?> running = clients.submit(() -> slow.annotate(request("1", "a"), OutputFormat.JSON));
                assertTrue(entered.await(5, TimeUnit.SECONDS));
                Future<?> queued = clients.submit(() -> slow.annotate(request("2", "b"), OutputFormat.JSON));
                while (blocked.resolve(Selection.DEFAULT).stats().queued() < 1) {
                    Thread.sleep(5);
                }
                Problem full = assertThrows(ProblemException.class, () -> slow.annotate(request("3", "c"), OutputFormat.JSON)).problem();
                assertEquals(ProblemType.QUEUE_FULL, full.type());
                assertEquals(429, full.status());
                assertTrue(full.retryAfterSeconds().orElseThrow() >= 1);
                release.countDown();
                running.get(5, TimeUnit.SECONDS);
                queued.get(5, TimeUnit.SECONDS);
            } finally {
                clients.shutdownNow();
            }
        }
    }

    @Test
    void aSlowPipelineTimesOutAndAFailedDocumentIsAnAnnotationFailure() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (PipelineRegistry pipelines = new PipelineRegistry(List.of(FakePipelines.pipeline("odd", Optional.empty(),
                new BatchSettings(1, Duration.ZERO, 4, 1), batch -> {
                    if (batch.getFirst().document().id().equals("slow")) {
                        release.await(10, TimeUnit.SECONDS);
                    }
                    return List.<AnnotationOutcome>of(new AnnotationOutcome.Failed(batch.getFirst().document().id() + ": broken"));
                })), "odd")) {
            AnnotationService odd = new AnnotationService(pipelines, Duration.ofMillis(200));
            Problem timeout = assertThrows(ProblemException.class, () -> odd.annotate(request("slow", "a"), OutputFormat.JSON)).problem();
            assertEquals(ProblemType.TIMEOUT, timeout.type());
            assertEquals(503, timeout.status());
            release.countDown();
            Problem failed = assertThrows(ProblemException.class, () -> odd.annotate(request("bad", "b"), OutputFormat.JSON)).problem();
            assertEquals(ProblemType.ANNOTATION_FAILED, failed.type());
            assertEquals("bad: broken", failed.detail());
        }
    }

    @Test
    void unknownPipelineAndModelAreRefusedBeforeQueueing() {
        AnnotateRequest unknown = new AnnotateRequest(new DocumentInput("u", "text"), new Selection(Optional.of("ner"), Optional.empty()),
                Set.of());
        assertEquals(ProblemType.UNKNOWN_PIPELINE,
                assertThrows(ProblemException.class, () -> service.annotate(unknown, OutputFormat.JSON)).problem().type());
        AnnotateRequest model = new AnnotateRequest(new DocumentInput("u", "text"), new Selection(Optional.empty(), Optional.of("teacher")),
                Set.of());
        assertEquals(ProblemType.UNKNOWN_MODEL,
                assertThrows(ProblemException.class, () -> service.annotateBatch(new BatchRequest(List.of(new BatchEntry.Ready(
                        model.document())), model.selection(), Set.of()), "r")).problem().type());
    }
}
