package org.cnlp.server.annotate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server tells about a pipeline it serves.
 *
 * @param kind    {@code rules} for dictionary/rule pipelines, {@code model} for pipelines that run a model
 * @param model   the model name callers select it by ({@code teacher}, {@code student}), if it runs one
 * @param steps   the step names, in order
 * @param version the versions of what it loaded (terminology index, model bundle)
 */
public record PipelineInfo(String name, String description, String kind, Optional<String> model, List<String> steps,
        String version) {

    public static final String RULES = "rules";
    public static final String MODEL = "model";

    public PipelineInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        steps = List.copyOf(steps);
        if (!RULES.equals(kind) && !MODEL.equals(kind)) {
            throw new IllegalArgumentException("kind must be rules or model, got " + kind);
        }
    }
}
