package org.cnlp.annotators.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The named pipelines known to an installation: the built-in {@code pipelines.json} plus, if
 * given, a user file whose entries add to or replace the built-in ones. Immutable.
 *
 * <p>File format: an object of pipeline name to {@code {"description": ..., "steps": [{"step":
 * NAME, "params": {...}}]}}, each step name one of {@link StepRegistry#names()}.
 */
public final class PipelineCatalog {

    private static final String BUILT_IN = "pipelines.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, PipelineDefinition> pipelines;

    private PipelineCatalog(Map<String, PipelineDefinition> pipelines) {
        this.pipelines = Map.copyOf(pipelines);
    }

    public static PipelineCatalog builtIn() {
        try (InputStream in = PipelineCatalog.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in " + BUILT_IN + " missing from the classpath");
            }
            return new PipelineCatalog(parse(JSON.readTree(in), BUILT_IN));
        } catch (IOException e) {
            throw new PipelineConfigException("cannot read built-in " + BUILT_IN, e);
        }
    }

    /** The built-in pipelines overlaid with those in {@code file}. */
    public static PipelineCatalog withOverrides(Path file) {
        Map<String, PipelineDefinition> merged = new LinkedHashMap<>(builtIn().pipelines);
        try {
            merged.putAll(parse(JSON.readTree(Files.readAllBytes(file)), file.toString()));
        } catch (IOException e) {
            throw new PipelineConfigException("cannot read pipeline file " + file + ": " + e.getMessage(), e);
        }
        return new PipelineCatalog(merged);
    }

    public Set<String> names() {
        return new java.util.TreeSet<>(pipelines.keySet());
    }

    public Optional<PipelineDefinition> find(String name) {
        return Optional.ofNullable(pipelines.get(name));
    }

    public PipelineDefinition get(String name) {
        return find(name).orElseThrow(() -> new PipelineConfigException(
                "unknown pipeline '" + name + "'; known pipelines: " + String.join(", ", names())));
    }

    private static Map<String, PipelineDefinition> parse(JsonNode root, String origin) {
        if (root == null || !root.isObject()) {
            throw new PipelineConfigException(origin + ": expected a JSON object of pipeline name to definition");
        }
        Map<String, PipelineDefinition> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            result.put(field.getKey(), parseOne(field.getKey(), field.getValue(), origin));
        }
        return result;
    }

    private static PipelineDefinition parseOne(String name, JsonNode node, String origin) {
        JsonNode steps = node.path("steps");
        if (!steps.isArray() || steps.isEmpty()) {
            throw new PipelineConfigException(origin + ": pipeline '" + name + "' needs a non-empty \"steps\" array");
        }
        List<PipelineDefinition.Step> parsed = new ArrayList<>();
        for (JsonNode step : steps) {
            String stepName = step.path("step").asText("");
            if (!StepRegistry.names().contains(stepName)) {
                throw new PipelineConfigException(origin + ": pipeline '" + name + "' has unknown step '" + stepName
                        + "'; known steps: " + String.join(", ", StepRegistry.names()));
            }
            Map<String, Object> params = new LinkedHashMap<>();
            step.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), scalar(p.getValue())));
            parsed.add(new PipelineDefinition.Step(stepName, params));
        }
        return new PipelineDefinition(name, node.path("description").asText(""), parsed);
    }

    private static Object scalar(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isInt()) {
            return value.intValue();
        }
        if (value.isNumber()) {
            return (float) value.doubleValue();
        }
        return value.asText();
    }
}
