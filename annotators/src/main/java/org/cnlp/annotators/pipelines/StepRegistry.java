package org.cnlp.annotators.pipelines;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.uima.analysis_component.AnalysisComponent;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.annotators.assertion.AssertionAnnotator;
import org.cnlp.annotators.lookup.ConceptLookupAnnotator;
import org.cnlp.annotators.lookup.EntityLinkingAnnotator;
import org.cnlp.annotators.ner.TransformerNerAnnotator;
import org.cnlp.annotators.section.SectionAnnotator;
import org.cnlp.annotators.sentence.SentenceAnnotator;
import org.cnlp.annotators.token.TokenAnnotator;

/**
 * The steps a pipeline definition may name, each bound to its engine class in code (no class
 * names in configuration). A step's params become the engine's configuration parameters; steps
 * that need installation resources (the terminology index) get them from the context.
 */
public final class StepRegistry {

    @FunctionalInterface
    interface StepFactory {
        AnalysisEngineDescription create(Object[] params, PipelineContext context) throws ResourceInitializationException;
    }

    private static final Map<String, StepFactory> STEPS = Map.of(
            "sections", plain(SectionAnnotator.class),
            "sentences", plain(SentenceAnnotator.class),
            "tokens", plain(TokenAnnotator.class),
            "concepts", (params, context) -> ConceptLookupAnnotator.description(context.terminologyIndex(), params),
            "assertion", plain(AssertionAnnotator.class),
            "ner", StepRegistry::ner,
            "linking", (params, context) -> EntityLinkingAnnotator.description(context.terminologyIndex(),
                    context.conceptVectors(), params));

    private StepRegistry() {
    }

    public static Set<String> names() {
        return new java.util.TreeSet<>(STEPS.keySet());
    }

    static AnalysisEngineDescription describe(PipelineDefinition.Step step, PipelineContext context)
            throws ResourceInitializationException {
        StepFactory factory = STEPS.get(step.step());
        if (factory == null) {
            throw new PipelineConfigException("unknown step '" + step.step() + "'; known steps: " + String.join(", ", names()));
        }
        List<Object> pairs = new ArrayList<>();
        step.params().forEach((k, v) -> {
            pairs.add(k);
            pairs.add(v);
        });
        return factory.create(pairs.toArray(), context);
    }

    /** The transformer NER step: {@code model} (bundle name or folder), {@code engine}, {@code device}, {@code batchSize}. */
    private static AnalysisEngineDescription ner(Object[] params, PipelineContext context) throws ResourceInitializationException {
        Map<String, Object> values = new java.util.HashMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            values.put((String) params[i], params[i + 1]);
        }
        Set<String> known = Set.of("model", "engine", "device", "batchSize");
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new PipelineConfigException("step 'ner' has no parameter '" + key + "'; it takes " + new java.util.TreeSet<>(known));
            }
        }
        Object model = values.get("model");
        if (!(model instanceof String name) || name.isBlank()) {
            throw new PipelineConfigException("step 'ner' needs a 'model' parameter: a bundle name under models/ or a folder");
        }
        return TransformerNerAnnotator.description(context.model(name), String.valueOf(values.getOrDefault("engine", "auto")),
                String.valueOf(values.getOrDefault("device", "cpu")), ((Number) values.getOrDefault("batchSize", 16)).intValue());
    }

    private static StepFactory plain(Class<? extends AnalysisComponent> engine) {
        return (params, context) -> AnalysisEngineFactory.createEngineDescription(engine, params);
    }
}
