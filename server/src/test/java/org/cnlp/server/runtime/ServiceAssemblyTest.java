package org.cnlp.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

import org.cnlp.server.TinyTerminology;
import org.cnlp.server.annotate.AnnotationTask;
import org.cnlp.server.annotate.DocumentInput;
import org.cnlp.server.annotate.OutputFormat;
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
            ModelsReport.PipelineView view = report.pipelines().getFirst();
            assertEquals("rules", view.kind());
            assertEquals(List.of("sections", "sentences", "tokens", "concepts", "assertion"), view.steps());
            assertTrue(view.version().startsWith("terminology-index format 1"), view.version());
            assertEquals(4, view.batching().maxBatchSize());
            assertEquals(5, report.terminology().concepts());
            assertTrue(report.process().rssBytes() > 0);
        }
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
