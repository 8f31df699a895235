package org.cnlp.multimodal.uima;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.annotators.pipelines.PipelineConfigException;
import org.cnlp.annotators.pipelines.PipelineContext;
import org.cnlp.annotators.pipelines.StepProvider;
import org.cnlp.annotators.pipelines.StepRegistry;

/**
 * The pipeline step {@code vqa} ({@link VqaAnnotator}), registered with the annotators' step
 * registry through {@code META-INF/services}. Params: {@code model}, the VQA bundle's name under
 * the installation's models folder or a folder (default {@value #DEFAULT_MODEL}); the image limits
 * {@code maxImageBytes} and {@code maxImagePixels}. The question encoder's bundle is looked up in
 * the models folder (or, without one, beside the VQA bundle).
 */
public final class VqaSteps implements StepProvider {

    /** The step's name. */
    public static final String STEP = "vqa";
    /** The bundle a {@code vqa} step loads when it names none. */
    public static final String DEFAULT_MODEL = "vqa";

    private static final Set<String> PARAMS = Set.of("model", VqaAnnotator.PARAM_MAX_IMAGE_BYTES,
            VqaAnnotator.PARAM_MAX_IMAGE_PIXELS);

    @Override
    public Map<String, StepRegistry.StepFactory> steps() {
        return Map.of(STEP, VqaSteps::vqa);
    }

    /** The {@code vqa} step's engine description; nothing is loaded until an engine is produced from it. */
    static AnalysisEngineDescription vqa(Object[] params, PipelineContext context) throws ResourceInitializationException {
        Map<String, Object> values = StepRegistry.params(STEP, params, PARAMS);
        Object model = values.getOrDefault("model", DEFAULT_MODEL);
        if (!(model instanceof String name) || name.isBlank()) {
            throw new PipelineConfigException("step 'vqa' takes 'model' as a bundle name under models/ or a folder, got "
                    + model);
        }
        Path bundle = context.model(name);
        Path modelsDir = context.models() != null ? context.models() : bundle.toAbsolutePath().getParent();
        List<Object> engineParams = new ArrayList<>();
        for (String limit : List.of(VqaAnnotator.PARAM_MAX_IMAGE_BYTES, VqaAnnotator.PARAM_MAX_IMAGE_PIXELS)) {
            if (values.containsKey(limit)) {
                engineParams.add(limit);
                engineParams.add(values.get(limit));
            }
        }
        return VqaAnnotator.description(bundle, modelsDir, engineParams.toArray());
    }
}
