package org.cnlp.server.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.cnlp.annotators.pipelines.PipelineContext;
import org.cnlp.annotators.pipelines.PipelineDefinition;

/**
 * A model a served pipeline runs: the bundle of one of its {@code ner} steps and the engine settings
 * the step is configured with (the settings, not what {@code auto} resolved to: {@code auto} on the
 * CPU is ONNX Runtime, with PyTorch as the fallback the server log reports).
 *
 * @param step      the step name ({@code ner})
 * @param bundle    the bundle's manifest
 * @param engine    the step's {@code engine} parameter ({@code auto}, {@code onnxruntime}, {@code pytorch})
 * @param device    the step's {@code device} parameter ({@code cpu}, {@code auto}, {@code cuda[:N]})
 * @param batchSize the step's {@code batchSize} parameter: windows per forward pass
 */
public record ModelStep(String step, BundleManifest bundle, String engine, String device, int batchSize) {

    /** The step that runs a model bundle. */
    public static final String NER = "ner";

    /** The defaults of the {@code ner} step's parameters (annotators' {@code StepRegistry} and {@code NerModelResource}). */
    static final String DEFAULT_ENGINE = "auto";
    static final String DEFAULT_DEVICE = "cpu";
    static final int DEFAULT_BATCH_SIZE = 16;

    public ModelStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(device, "device");
    }

    /**
     * The models of a pipeline's {@code ner} steps, in step order, their bundles resolved as the
     * pipeline resolves them ({@link PipelineContext#model}); empty for a pipeline without one.
     * Call it once the pipeline has loaded: the bundles exist and their checksums were verified.
     *
     * @throws IOException when a bundle's manifest cannot be read
     */
    public static List<ModelStep> of(PipelineDefinition definition, PipelineContext context) throws IOException {
        List<ModelStep> steps = new ArrayList<>();
        for (PipelineDefinition.Step step : definition.steps()) {
            if (NER.equals(step.step()) && step.params().get("model") instanceof String model && !model.isBlank()) {
                Path folder = context.model(model);
                Map<String, Object> params = step.params();
                steps.add(new ModelStep(step.step(), BundleManifest.read(folder),
                        String.valueOf(params.getOrDefault("engine", DEFAULT_ENGINE)),
                        String.valueOf(params.getOrDefault("device", DEFAULT_DEVICE)),
                        params.get("batchSize") instanceof Number n ? n.intValue() : DEFAULT_BATCH_SIZE));
            }
        }
        return List.copyOf(steps);
    }

    /** Whether a pipeline has a step that runs a model bundle. */
    public static boolean runsAModel(PipelineDefinition definition) {
        return definition.steps().stream().anyMatch(step -> NER.equals(step.step()));
    }
}
