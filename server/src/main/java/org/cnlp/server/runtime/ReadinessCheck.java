package org.cnlp.server.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.cnlp.server.annotate.ServedPipeline;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every pipeline (with its terminology dictionary) is loaded and warmed up, the inbox (when
 * configured) watches its folder, and at least one API key is accepted. An inbox that fails to start
 * fails the whole start: the check is down with {@code state=failed} and the reason.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    CnlpRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("cnlp-pipelines");
        switch (runtime.phase()) {
            case ServingState.Phase.Loading loading -> response.down().withData("state", "loading")
                    .withData("since", loading.since().toString());
            case ServingState.Phase.Failed failed -> response.down().withData("state", "failed").withData("reason", failed.reason());
            case ServingState.Phase.Closed closed -> response.down().withData("state", "stopping");
            case ServingState.Phase.Ready ready -> {
                Services services = ready.services();
                response.withData("state", "ready")
                        .withData("pipelines", String.join(",", services.registry().pipelineNames()))
                        .withData("concepts", services.index().size())
                        .withData("loadMillis", services.loadTime().toMillis());
                for (ServedPipeline pipeline : services.registry().pipelines()) {
                    response.withData("queued." + pipeline.name(), pipeline.stats().queued());
                }
                services.inbox().ifPresent(inbox -> response.withData("inbox", inbox.settings().inbox().toString())
                        .withData("inbox.inFlight", inbox.metrics().inFlight()));
                if (runtime.apiKeys().isEmpty()) {
                    response.down().withData("reason", "no API key configured (cnlp.security.api-keys-file)");
                } else {
                    response.up();
                }
            }
        }
        return response.build();
    }
}
