package org.cnlp.server.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.cnlp.annotators.pipelines.PipelineCatalog;
import org.cnlp.annotators.pipelines.PipelineContext;
import org.cnlp.annotators.pipelines.PipelineDefinition;
import org.cnlp.annotators.pipelines.PipelineFactory;
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
import org.cnlp.server.terminology.TerminologyProvisioner;
import org.cnlp.server.terminology.TerminologySearch;
import org.cnlp.terminology.index.IndexMetadata;
import org.cnlp.terminology.index.TerminologyIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link Services} from the settings: terminology index (built when missing), one
 * pooled, micro-batched runner per served pipeline, and a warm-up document through each, so that
 * "ready" means the first request is served at full speed.
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
        try {
            for (String name : settings.pipelines()) {
                served.add(servePipeline(catalog.get(name), indexDir, version(index.metadata()), settings));
            }
            PipelineRegistry registry = new PipelineRegistry(served, settings.defaultPipeline());
            AnnotationService annotation = new AnnotationService(registry, settings.requestTimeout());
            for (String name : registry.pipelineNames()) {
                annotation.annotate(new AnnotateRequest(new DocumentInput("warm-up", WARM_UP_TEXT),
                        new Selection(Optional.of(name), Optional.empty()), Set.of()), OutputFormat.JSON);
            }
            Duration loadTime = Duration.ofNanos(System.nanoTime() - start);
            LOG.info("cnlp ready in {} ms: pipelines {} (default {}), {} concepts", loadTime.toMillis(), registry.pipelineNames(),
                    registry.defaultPipeline(), index.size());
            return new Services(settings, new RequestParser(settings.limits()), annotation, new TerminologySearch(index), index,
                    Instant.now(), loadTime);
        } catch (Exception | Error e) {
            for (ServedPipeline pipeline : served) {
                closeQuietly(pipeline, e);
            }
            closeQuietly(index, e);
            throw e;
        }
    }

    private static ServedPipeline servePipeline(PipelineDefinition definition, Path indexDir, String version, ServerSettings settings)
            throws Exception {
        Optional<String> model = settings.modelOf(definition.name());
        PipelineInfo info = new PipelineInfo(definition.name(), definition.description(),
                model.isPresent() ? PipelineInfo.MODEL : PipelineInfo.RULES, model,
                definition.steps().stream().map(PipelineDefinition.Step::step).toList(), version);
        PipelineRunner runner = PipelineRunner.create(PipelineFactory.aggregate(definition, new PipelineContext(indexDir)),
                settings.instances());
        try {
            return new ServedPipeline(info, settings.batch(), new CasBatchHandler(runner), runner::close);
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
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
