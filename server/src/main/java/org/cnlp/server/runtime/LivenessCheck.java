package org.cnlp.server.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive unless loading failed for good (bad configuration, missing index): a restart with a fixed configuration is needed then. */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Inject
    CnlpRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        if (runtime.phase() instanceof ServingState.Phase.Failed failed) {
            return HealthCheckResponse.named("cnlp-process").down().withData("reason", failed.reason()).build();
        }
        return HealthCheckResponse.named("cnlp-process").up().build();
    }
}
