package org.cnlp.server.annotate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemType;

/**
 * The pipelines this server runs, and which one a request's {@code pipeline} / {@code model}
 * selects. Owns the pipelines: {@link #close()} closes them all. Thread-safe (immutable after
 * construction).
 */
public final class PipelineRegistry implements AutoCloseable {

    private final Map<String, ServedPipeline> pipelines;
    private final String defaultPipeline;

    /** @param pipelines the served pipelines, in the order {@code /models} lists them; names must be unique */
    public PipelineRegistry(List<ServedPipeline> pipelines, String defaultPipeline) {
        Map<String, ServedPipeline> byName = new LinkedHashMap<>();
        for (ServedPipeline pipeline : pipelines) {
            if (byName.putIfAbsent(pipeline.name(), pipeline) != null) {
                throw new IllegalArgumentException("pipeline '" + pipeline.name() + "' is served twice");
            }
        }
        if (!byName.containsKey(defaultPipeline)) {
            throw new IllegalArgumentException("the default pipeline '" + defaultPipeline + "' is not among the served pipelines "
                    + byName.keySet());
        }
        this.pipelines = byName;
        this.defaultPipeline = defaultPipeline;
    }

    public List<ServedPipeline> pipelines() {
        return List.copyOf(pipelines.values());
    }

    public String defaultPipeline() {
        return defaultPipeline;
    }

    public List<String> pipelineNames() {
        return List.copyOf(pipelines.keySet());
    }

    /** The model names callers may ask for, in pipeline order, without duplicates. */
    public List<String> modelNames() {
        return pipelines.values().stream().flatMap(p -> p.info().model().stream()).distinct().toList();
    }

    /**
     * The pipeline a request selects: by model (optionally narrowed by pipeline name), by pipeline
     * name, or the default.
     *
     * @throws ProblemException 400 naming the valid pipelines or models
     */
    public ServedPipeline resolve(Selection selection) throws ProblemException {
        if (selection.model().isPresent()) {
            return byModel(selection.model().get(), selection.pipeline());
        }
        if (selection.pipeline().isPresent()) {
            String name = selection.pipeline().get();
            ServedPipeline pipeline = pipelines.get(name);
            if (pipeline == null) {
                throw new ProblemException(Problem.of(ProblemType.UNKNOWN_PIPELINE, "pipeline '" + shorten(name)
                        + "' is not served here; served pipelines: " + String.join(", ", pipelineNames()))
                        .withValidValues(pipelineNames()));
            }
            return pipeline;
        }
        return pipelines.get(defaultPipeline);
    }

    private ServedPipeline byModel(String model, Optional<String> pipelineName) throws ProblemException {
        List<ServedPipeline> candidates = new ArrayList<>();
        for (ServedPipeline pipeline : pipelines.values()) {
            if (pipeline.info().model().filter(model::equals).isPresent()) {
                candidates.add(pipeline);
            }
        }
        List<String> models = modelNames();
        if (candidates.isEmpty()) {
            String served = models.isEmpty() ? "none yet (no transformer model is installed)" : String.join(", ", models);
            throw new ProblemException(Problem.of(ProblemType.UNKNOWN_MODEL, "model '" + shorten(model)
                    + "' is not served here; served models: " + served + "; served pipelines: "
                    + String.join(", ", pipelineNames())).withValidValues(models));
        }
        if (pipelineName.isEmpty()) {
            return candidates.getFirst();
        }
        for (ServedPipeline candidate : candidates) {
            if (candidate.name().equals(pipelineName.get())) {
                return candidate;
            }
        }
        List<String> names = candidates.stream().map(ServedPipeline::name).toList();
        throw new ProblemException(Problem.of(ProblemType.UNKNOWN_PIPELINE, "pipeline '" + shorten(pipelineName.get())
                + "' does not run model '" + model + "'; pipelines with that model: " + String.join(", ", names))
                .withValidValues(names));
    }

    private static String shorten(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "...";
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (ServedPipeline pipeline : pipelines.values()) {
            try {
                pipeline.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
