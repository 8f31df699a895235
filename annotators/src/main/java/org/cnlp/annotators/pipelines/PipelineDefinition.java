package org.cnlp.annotators.pipelines;

import java.util.List;
import java.util.Map;

/**
 * A named pipeline as configured: an ordered list of steps, each a registered step name with
 * parameter overrides. Assembled into a UIMA aggregate by {@link PipelineFactory}.
 */
public record PipelineDefinition(String name, String description, List<Step> steps) {

    public PipelineDefinition {
        steps = List.copyOf(steps);
    }

    /** One step: a name known to {@link StepRegistry} and its configuration parameter values. */
    public record Step(String step, Map<String, Object> params) {
        public Step {
            params = Map.copyOf(params);
        }
    }
}
