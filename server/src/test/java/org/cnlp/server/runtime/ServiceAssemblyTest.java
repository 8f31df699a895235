package org.cnlp.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.server.TinyBundle;
import org.cnlp.server.TinyTerminology;
import org.cnlp.server.annotate.AnnotateRequest;
import org.cnlp.server.annotate.AnnotationResult;
import org.cnlp.server.annotate.AnnotationTask;
import org.cnlp.server.annotate.DocumentInput;
import org.cnlp.server.annotate.OutputFormat;
import org.cnlp.server.annotate.Selection;
import org.cnlp.server.annotate.ServedPipeline;
import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAssemblyTest {

    private static final AnnotationTask TASK = new AnnotationTask(new DocumentInput("t", "Old MI."), OutputFormat.JSON, Set.of());

    @TempDir
    Path dir;

    @Test
    void loadsWarmsUpAndReportsTheServedPipelines() throws Exception {
        Path index = TinyTerminology.build(dir.resolve("index"));
        try (Services services = ServiceAssembly.open(TestSettings.of(index, dir))) {
            ServedPipeline dictionary = services.registry().pipelines().getFirst();
            assertEquals(1, dictionary.stats().processed(), "warm-up document");
            ModelsReport report = ModelsReport.of(services);
            assertEquals("cpu", report.device());
            assertEquals("dictionary", report.defaultPipeline());
            assertEquals(List.of(), report.models());
            assertEquals(List.of(), report.pipelines().getFirst().bundles());
            ModelsReport.PipelineView view = report.pipelines().getFirst();
            assertEquals("rules", view.kind());
            assertEquals(List.of("sections", "sentences", "tokens", "concepts", "assertion"), view.steps());
            assertTrue(view.version().startsWith("terminology-index format 1"), view.version());
            assertEquals(ServerSettings.RULE_DOCUMENTS_PER_CALL, view.batching().maxBatchSize(), "a rule pipeline takes queued documents together");
            assertEquals(List.of(), view.sharedPasses(), "no model step, no shared passes");
            assertEquals(5, report.terminology().concepts());
            assertTrue(report.process().rssBytes() > 0);
            assertEquals(null, report.vqa(), "no VQA model configured");
            assertFalse(services.vqa().isReady());
        }
    }

    @Test
    void servesTheTeacherPipelineAndReportsTheBundleItLoaded() throws Exception {
        Path index = TinyTerminology.build(dir.resolve("index"));
        ModelBundle bundle = TinyBundle.write(dir.resolve("models/ner-teacher"), "ner-teacher");
        try (Services services = ServiceAssembly.open(TestSettings.withTeacher(index, dir, Optional.of(dir.resolve("models"))))) {
            ModelsReport report = ModelsReport.of(services);
            assertEquals("cpu", report.device());
            assertEquals("dictionary", report.defaultPipeline());
            assertEquals(List.of("teacher"), report.models());
            ModelsReport.PipelineView dictionary = report.pipelines().get(0);
            assertEquals("rules", dictionary.kind());
            assertEquals(List.of(), dictionary.bundles());
            ModelsReport.PipelineView teacher = report.pipelines().get(1);
            assertEquals("teacher", teacher.name());
            assertEquals("model", teacher.kind());
            assertEquals("teacher", teacher.model());
            assertEquals(List.of("sections", "sentences", "tokens", "ner", "linking", "assertion"), teacher.steps());
            assertTrue(teacher.version().endsWith("; model " + bundle.id()), teacher.version());
            assertEquals(1, services.registry().pipelines().get(1).stats().processed(), "warm-up document");
            ModelsReport.BundleView view = teacher.bundles().getFirst();
            assertEquals(new ModelsReport.BundleView("ner", bundle.id(), "ner-teacher", "tiny random (server test)",
                    bundle.parameterCount(), bundle.scheme().tags(), 32, "F32", view.created(), TinyBundle.DEV_F1,
                    TinyBundle.DEV_SCORE, bundle.bytes(), "auto", "cpu", 16), view);

            Selection byModel = new Selection(Optional.empty(), Optional.of("teacher"));
            AnnotationResult result = services.annotation().annotate(new AnnotateRequest(
                    new DocumentInput("n1", "The patient denies chest pain."), byModel, Set.of()), OutputFormat.JSON);
            assertEquals("teacher", result.pipeline());
            List<String> modelIds = new ObjectMapper().readTree(result.body()).findValuesAsText("modelId");
            assertFalse(modelIds.isEmpty(), "the tiny model tags every word");
            assertEquals(Set.of(view.id()), Set.copyOf(modelIds), "/models reports the id the annotations carry");

            assertEquals(1, teacher.batching().maxBatchSize(), "a model pipeline's replica takes one document at a time");
            ModelsReport.SharedPassView passes = ModelsReport.of(services).pipelines().get(1).sharedPasses().getFirst();
            assertEquals(4, passes.maxSequences(), "cnlp.batch.max-size shapes the model's shared passes");
            assertTrue(passes.passes() >= 2 && passes.sequences() >= passes.passes(), "the warm-up and the request ran: " + passes);
        }
    }

    @Test
    void aModelPipelineWithoutAModelsFolderOrBundleSaysWhatIsMissing() throws Exception {
        Path index = TinyTerminology.build(dir.resolve("index"));
        Exception noFolder = assertThrows(Exception.class,
                () -> ServiceAssembly.open(TestSettings.withTeacher(index, dir, Optional.empty())));
        assertTrue(noFolder.getMessage().contains("pipeline 'teacher'"), noFolder.getMessage());
        assertTrue(noFolder.getMessage().contains("cnlp.models.dir (CNLP_MODELS_DIR)"), noFolder.getMessage());
        Exception noBundle = assertThrows(Exception.class,
                () -> ServiceAssembly.open(TestSettings.withTeacher(index, dir, Optional.of(dir.resolve("models")))));
        String message = noBundle.getMessage();
        assertTrue(message.startsWith("pipeline 'teacher' failed to load: cannot load the NER model: "), message);
        assertTrue(message.contains(dir.resolve("models").resolve("ner-teacher").resolve("bundle.json").toString()), message);
    }

    @Test
    void aFailureIsToldByItsMostTellingMessage() {
        IllegalStateException root = new IllegalStateException("no bundle.json");
        Exception wrapped = new Exception("generic wrapper", new RuntimeException(
                new IllegalStateException("cannot load the model: no bundle.json (retrain it)", root)));
        assertEquals("cannot load the model: no bundle.json (retrain it)", ServiceAssembly.reason(wrapped));
        assertEquals("plain", ServiceAssembly.reason(new Exception("plain")));
        assertEquals("IllegalStateException", ServiceAssembly.reason(new IllegalStateException()));
    }

    @Test
    void aMissingIndexFailsWithAnActionableMessage() {
        Exception e = assertThrows(Exception.class, () -> ServiceAssembly.open(TestSettings.of(dir.resolve("none"), dir)));
        assertTrue(e.getMessage().contains("no terminology index"), e.getMessage());
    }

    @Test
    void servingStateAnswers503UntilReadyAndClosesWhatItOwns() throws Exception {
        ServingState state = new ServingState();
        Problem loading = assertThrows(ProblemException.class, state::services).problem();
        assertEquals(ProblemType.NOT_READY, loading.type());
        assertEquals(Optional.of(5L), loading.retryAfterSeconds());
        Services services = ServiceAssembly.open(TestSettings.of(TinyTerminology.build(dir.resolve("index")), dir));
        state.ready(services);
        assertEquals(services, state.services());
        state.close();
        assertInstanceOf(ServingState.Phase.Closed.class, state.phase());
        assertThrows(ProblemException.class, state::services);
        assertThrows(RejectedExecutionException.class,
                () -> services.registry().pipelines().getFirst().submit(TASK));
        ServingState late = new ServingState();
        late.close();
        Services after = ServiceAssembly.open(TestSettings.of(dir.resolve("index"), dir));
        late.ready(after);
        assertThrows(RejectedExecutionException.class,
                () -> after.registry().pipelines().getFirst().submit(TASK));
        ServingState failed = new ServingState();
        failed.failed("bad config");
        assertTrue(assertThrows(ProblemException.class, failed::services).problem().detail().contains("bad config"));
    }
}
