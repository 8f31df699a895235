package org.cnlp.server.annotate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.cnlp.server.models.ModelStep;

/**
 * What the server tells about a pipeline it serves.
 *
 * @param kind    {@code rules} for dictionary/rule pipelines, {@code model} for pipelines that run a model
 * @param model   the model name callers select it by ({@code teacher}, {@code student}), if it runs one
 * @param steps   the step names, in order
 * @param version the versions of what it loaded (terminology index, model bundle)
 * @param modelSteps the model bundles its steps load, in step order; empty for rule pipelines
 */
public record PipelineInfo(String name, String description, String kind, Optional<String> model, List<String> steps,
        String version, List<ModelStep> modelSteps) {

    public static final String RULES = "rules";
    public static final String MODEL = "model";

    public PipelineInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        steps = List.copyOf(steps);
        modelSteps = List.copyOf(modelSteps);
        if (!RULES.equals(kind) && !MODEL.equals(kind)) {
            throw new IllegalArgumentException("kind must be rules or model, got " + kind);
        }
    }

    /** A pipeline that loads no model bundle. */
    public PipelineInfo(String name, String description, String kind, Optional<String> model, List<String> steps,
            String version) {
        this(name, description, kind, model, steps, version, List.of());
    }
}
