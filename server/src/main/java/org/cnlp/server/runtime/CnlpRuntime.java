package org.cnlp.server.runtime;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.cnlp.annotators.ner.NerModelResource.SharedPasses;
import org.cnlp.server.annotate.ServedPipeline;
import org.cnlp.server.inbox.Inbox;
import org.cnlp.server.inbox.InboxGauges;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.security.ApiKeys;
import org.cnlp.server.security.SecurityMode;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's one owner of what it loads: reads the configuration and the API keys when the
 * application starts, loads the pipelines on a background thread (readiness stays down until they
 * are ready), and closes everything when the application stops.
 */
@ApplicationScoped
public class CnlpRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(CnlpRuntime.class);
    private static final long LOADER_JOIN_SECONDS = 60;

    @Inject
    ServerConfig config;

    @Inject
    MetricRegistry metrics;

    private final ServingState state = new ServingState();
    private volatile ApiKeys apiKeys = ApiKeys.of(List.of());
    private volatile Thread loader;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        ServerSettings settings;
        try {
            settings = config.settings();
            apiKeys = ApiKeys.load(settings.securityMode(), settings.devKeyFile(), settings.apiKeysFile(), settings.apiKeys());
        } catch (IOException | RuntimeException e) {
            LOG.error("cnlp cannot start: {}", e.getMessage());
            state.failed(e.getMessage());
            return;
        }
        LOG.info("cnlp starting: {}", settings);
        if (settings.securityMode() == SecurityMode.DEV) {
            LOG.info("cnlp development mode: API key in {} (send it as 'Authorization: Bearer <key>')", settings.devKeyFile());
        } else if (apiKeys.isEmpty()) {
            LOG.error("cnlp production mode without API keys: every /api call is refused; set cnlp.security.api-keys-file");
        }
        Thread thread = Thread.ofPlatform().name("cnlp-loader").unstarted(() -> load(settings));
        loader = thread;
        thread.start();
    }

    private void load(ServerSettings settings) {
        try {
            Services services = ServiceAssembly.open(settings);
            registerGauges(services);
            state.ready(services);
        } catch (Exception | Error e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.error("cnlp failed to load its pipelines: {}", reason);
            state.failed(reason);
        }
    }

    private static long sumPasses(ServedPipeline pipeline, ToLongFunction<SharedPasses> counter) {
        return pipeline.sharedPasses().stream().mapToLong(counter).sum();
    }

    private void registerGauges(Services services) {
        for (ServedPipeline pipeline : services.registry().pipelines()) {
            Tag tag = new Tag("pipeline", pipeline.name());
            metrics.gauge("cnlp.batcher.queued", pipeline, p -> p.stats().queued(), tag);
            metrics.gauge("cnlp.batcher.documents", pipeline, p -> p.stats().processed(), tag);
            metrics.gauge("cnlp.batcher.batches", pipeline, p -> p.stats().batches(), tag);
            metrics.gauge("cnlp.batcher.rejected", pipeline, p -> p.stats().rejected(), tag);
            metrics.gauge("cnlp.batcher.mean.batch.size", pipeline, p -> p.stats().meanBatchSize(), tag);
            if (!pipeline.sharedPasses().isEmpty()) {
                // A model pipeline's shared forward passes, summed over its model steps.
                metrics.gauge("cnlp.model.pass.sequences", pipeline, p -> sumPasses(p, s -> s.stats().processed()), tag);
                metrics.gauge("cnlp.model.passes", pipeline, p -> sumPasses(p, s -> s.stats().batches()), tag);
                metrics.gauge("cnlp.model.pass.direct", pipeline, p -> sumPasses(p, SharedPasses::directSequences), tag);
                metrics.gauge("cnlp.model.pass.mean.size", pipeline, p -> {
                    long passes = sumPasses(p, s -> s.stats().batches());
                    return passes == 0 ? 0 : (double) sumPasses(p, s -> s.stats().processed()) / passes;
                }, tag);
            }
        }
        if (services.inbox().isPresent()) {
            Inbox inbox = services.inbox().get();
            Tag tag = new Tag("pipeline", inbox.settings().pipeline());
            for (InboxGauges.Gauge gauge : InboxGauges.ALL) {
                Metadata metadata = Metadata.builder().withName(gauge.name()).withDescription(gauge.description()).build();
                metrics.gauge(metadata, inbox, i -> gauge.value().apply(i.metrics()), tag);
            }
        }
    }

    public ServingState.Phase phase() {
        return state.phase();
    }

    /** The loaded services, or a 503 problem while loading, after a failure or when stopping. */
    public Services services() throws ProblemException {
        return state.services();
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    @PreDestroy
    void stop() {
        try {
            state.close();
            Thread thread = loader;
            if (thread != null) {
                thread.join(TimeUnit.SECONDS.toMillis(LOADER_JOIN_SECONDS));
            }
            LOG.info("cnlp stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("cnlp did not stop cleanly: {}", e.getClass().getSimpleName());
        }
    }
}
