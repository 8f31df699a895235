package org.cnlp.server.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.annotators.ner.NerModelResource;
import org.cnlp.annotators.pipelines.PipelineCatalog;
import org.cnlp.annotators.pipelines.PipelineConfigException;
import org.cnlp.annotators.pipelines.PipelineContext;
import org.cnlp.terminology.dense.DenseIndexes;
import org.cnlp.annotators.pipelines.PipelineDefinition;
import org.cnlp.annotators.pipelines.PipelineFactory;
import org.cnlp.pipeline.batch.RunInfo;
import org.cnlp.pipeline.run.PipelineRunner;
import org.cnlp.server.annotate.AnnotateRequest;
import org.cnlp.server.annotate.AnnotationService;
import org.cnlp.server.annotate.CasBatchHandler;
import org.cnlp.server.annotate.DocumentInput;
import org.cnlp.server.annotate.OutputFormat;
import org.cnlp.server.annotate.PipelineInfo;
import org.cnlp.server.annotate.PipelineRegistry;
import org.cnlp.server.annotate.RequestParser;
import org.cnlp.server.annotate.Selection;
import org.cnlp.server.annotate.ServedPipeline;
import org.cnlp.server.inbox.Inbox;
import org.cnlp.server.inbox.InboxSettings;
import org.cnlp.server.models.ModelStep;
import org.cnlp.server.terminology.TerminologyProvisioner;
import org.cnlp.server.terminology.TerminologySearch;
import org.cnlp.server.vqa.VqaService;
import org.cnlp.terminology.index.IndexMetadata;
import org.cnlp.terminology.index.TerminologyIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link Services} from the settings: terminology index (built when missing), one
 * pooled, micro-batched runner per served pipeline, and a warm-up document through each, so that
 * "ready" means the first request is served at full speed; then, when {@code cnlp.inbox.dir} is set,
 * the inbox, watching on its pipeline's runner (a failure to start it fails the whole start); then the
 * VQA model when one is configured (a failure to load it only turns {@code POST /vqa} off).
 */
public final class ServiceAssembly {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceAssembly.class);

    /** Not a patient's text: a fixed sentence exercising every step. */
    static final String WARM_UP_TEXT = "HPI: The patient denies chest pain. History of type 2 diabetes mellitus.\nPlan: metformin.";

    private ServiceAssembly() {
    }

    public static Services open(ServerSettings settings) throws Exception {
        long start = System.nanoTime();
        Path indexDir = TerminologyProvisioner.ensure(settings.terminologyIndex(), settings.terminologyCorpora());
        PipelineCatalog catalog = settings.pipelinesFile().map(PipelineCatalog::withOverrides).orElseGet(PipelineCatalog::builtIn);
        TerminologyIndex index = TerminologyIndex.open(indexDir);
        List<ServedPipeline> served = new ArrayList<>();
        Map<String, PipelineRunner> runners = new HashMap<>();
        Inbox inbox = null;
        VqaService vqa = null;
        try {
            for (String name : settings.pipelines()) {
                served.add(servePipeline(catalog.get(name), indexDir, version(index.metadata()), settings, runners));
            }
            PipelineRegistry registry = new PipelineRegistry(served, settings.defaultPipeline());
            AnnotationService annotation = new AnnotationService(registry, settings.requestTimeout());
            for (String name : registry.pipelineNames()) {
                annotation.annotate(new AnnotateRequest(new DocumentInput("warm-up", WARM_UP_TEXT),
                        new Selection(Optional.of(name), Optional.empty()), Set.of()), OutputFormat.JSON);
            }
            if (settings.inbox().isPresent()) {
                InboxSettings inboxSettings = settings.inbox().get();
                inbox = startInbox(inboxSettings, runners.get(inboxSettings.pipeline()),
                        registry.pipelines().stream().filter(p -> p.name().equals(inboxSettings.pipeline())).findFirst()
                                .orElseThrow().info(),
                        index.metadata());
            }
            vqa = settings.vqaModel().map(dir -> VqaService.open(dir, settings.modelsDir())).orElseGet(VqaService::none);
            Duration loadTime = Duration.ofNanos(System.nanoTime() - start);
            LOG.info("cnlp ready in {} ms: pipelines {} (default {}), {} concepts{}{}", loadTime.toMillis(),
                    registry.pipelineNames(), registry.defaultPipeline(), index.size(),
                    inbox == null ? "" : ", inbox " + inbox.settings(), vqa.isReady() ? ", VQA" : "");
            return new Services(settings, new RequestParser(settings.limits()), annotation, new TerminologySearch(index), index,
                    Instant.now(), loadTime, Optional.ofNullable(inbox), vqa);
        } catch (Exception | Error e) {
            if (vqa != null) {
                closeQuietly(vqa, e);
            }
            if (inbox != null) {
                closeQuietly(inbox, e);
            }
            for (ServedPipeline pipeline : served) {
                closeQuietly(pipeline, e);
            }
            closeQuietly(index, e);
            throw e;
        }
    }

    /** Starts the inbox on {@code runner}; a failure names the folders and the setting to check. */
    static Inbox startInbox(InboxSettings settings, PipelineRunner runner, PipelineInfo pipeline, IndexMetadata terminology) {
        try {
            return Inbox.start(settings, runner, new RunInfo(pipeline.name(), inboxVersions(pipeline, terminology)));
        } catch (Exception e) {
            throw new IllegalStateException("the inbox did not start (cnlp.inbox.dir " + settings.inbox() + ", cnlp.outbox.dir "
                    + settings.outbox() + "): " + reason(e), e);
        }
    }

    /** What the inbox's run summary records as the versions behind its outputs. */
    static Map<String, String> inboxVersions(PipelineInfo pipeline, IndexMetadata terminology) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("pipeline.steps", String.join(",", pipeline.steps()));
        versions.put("terminology.builtAt", terminology.builtAt().toString());
        versions.put("terminology.format", Integer.toString(terminology.formatVersion()));
        versions.put("terminology.concepts", Integer.toString(terminology.concepts()));
        for (ModelStep step : pipeline.modelSteps()) {
            versions.put("model." + step.step(), step.bundle().id());
        }
        return versions;
    }

    /** Builds one served pipeline and records its runner in {@code runners} (for the inbox). */
    private static ServedPipeline servePipeline(PipelineDefinition definition, Path indexDir, String version,
            ServerSettings settings, Map<String, PipelineRunner> runners) throws Exception {
        Optional<String> model = settings.modelOf(definition.name());
        PipelineContext context = new PipelineContext(indexDir, settings.modelsDir().orElse(null),
                DenseIndexes.besideIndex(indexDir), settings.sharedPasses());
        AnalysisEngineDescription description = describe(definition, context, settings);
        PipelineRunner runner;
        try {
            runner = PipelineRunner.create(description, settings.instances());
        } catch (Exception e) {
            throw new IllegalStateException("pipeline '" + definition.name() + "' failed to load: " + reason(e), e);
        }
        try {
            List<ModelStep> modelSteps = ModelStep.of(definition, context);
            StringBuilder versions = new StringBuilder(version);
            for (ModelStep step : modelSteps) {
                versions.append("; model ").append(step.bundle().id());
                LOG.info("cnlp pipeline {} runs model {} ({} parameters, engine {}, device {})", definition.name(),
                        step.bundle().id(), step.bundle().parameters(), step.engine(), step.device());
            }
            String kind = model.isPresent() || !modelSteps.isEmpty() ? PipelineInfo.MODEL : PipelineInfo.RULES;
            PipelineInfo info = new PipelineInfo(definition.name(), definition.description(), kind, model,
                    definition.steps().stream().map(PipelineDefinition.Step::step).toList(), versions.toString(), modelSteps);
            List<NerModelResource> models = runner.externalResources(NerModelResource.class);
            ServedPipeline pipeline = new ServedPipeline(info, settings.requestQueue(kind), new CasBatchHandler(runner), runner::close,
                    () -> models.stream().flatMap(m -> m.sharedPasses().stream()).toList());
            runners.put(definition.name(), runner);
            return pipeline;
        } catch (IOException | RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    /** The pipeline's aggregate; a model step without {@code cnlp.models.dir} fails naming the setting. */
    private static AnalysisEngineDescription describe(PipelineDefinition definition, PipelineContext context,
            ServerSettings settings) throws ResourceInitializationException {
        try {
            return PipelineFactory.aggregate(definition, context);
        } catch (PipelineConfigException e) {
            String hint = settings.modelsDir().isEmpty() && ModelStep.runsAModel(definition)
                    ? "; set cnlp.models.dir (CNLP_MODELS_DIR) to the folder holding the model bundles (the repository's models/)"
                    : "";
            throw new PipelineConfigException("pipeline '" + definition.name() + "': " + e.getMessage() + hint, e);
        }
    }

    /**
     * The most telling message of a failure's causes: the innermost message, or the outer one that
     * repeats it with context (UIMA wraps a resource's failure in a generic one; a message that is only the
     * cause's {@code toString()} counts as none).
     */
    static String reason(Throwable failure) {
        List<String> messages = new ArrayList<>();
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 32; t = t.getCause()) {
            boolean echoesCause = t.getCause() != null && t.getCause().toString().equals(t.getMessage());
            if (t.getMessage() != null && !t.getMessage().isBlank() && !echoesCause) {
                messages.add(t.getMessage());
            }
        }
        if (messages.isEmpty()) {
            return failure.getClass().getSimpleName();
        }
        int chosen = messages.size() - 1;
        while (chosen > 0 && messages.get(chosen - 1).contains(messages.get(chosen))) {
            chosen--;
        }
        return messages.get(chosen);
    }

    static String version(IndexMetadata metadata) {
        return "terminology-index format " + metadata.formatVersion() + ", built " + metadata.builtAt();
    }

    private static void closeQuietly(AutoCloseable closeable, Throwable failure) {
        try {
            closeable.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
