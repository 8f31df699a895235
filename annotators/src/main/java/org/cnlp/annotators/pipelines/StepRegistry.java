package org.cnlp.annotators.pipelines;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps a pipeline definition may name, each bound to its engine class in code (no class
 * names in configuration). A step's params become the engine's configuration parameters; steps
 * that need installation resources (the terminology index) get them from the context. Modules
 * that this one cannot depend on add steps through a {@link StepProvider}.
 */
public final class StepRegistry {

    /** Builds a step's engine description from its params and the installation's context. */
    @FunctionalInterface
    public interface StepFactory {
        /**
         * @param params  the step's params as name/value pairs ({@code name1, value1, name2, value2, ...})
         * @param context where the installation keeps its index and model bundles
         * @throws PipelineConfigException for a param the step does not take or a missing one
         */
        AnalysisEngineDescription create(Object[] params, PipelineContext context) throws ResourceInitializationException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(StepRegistry.class);

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

    /** Steps from the {@link StepProvider}s on the class path, found once. */
    private static final class Provided {
        static final Map<String, StepFactory> FACTORIES = discover();
    }

    /** The names of every step: built in and provided, sorted. */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>(STEPS.keySet());
        names.addAll(Provided.FACTORIES.keySet());
        return names;
    }

    static AnalysisEngineDescription describe(PipelineDefinition.Step step, PipelineContext context)
            throws ResourceInitializationException {
        StepFactory factory = STEPS.getOrDefault(step.step(), Provided.FACTORIES.get(step.step()));
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

    /**
     * A step's params as a map, refusing names the step does not take.
     *
     * @param step   the step's name, for the message
     * @param params name/value pairs as a {@link StepFactory} receives them
     * @param known  the params the step takes
     * @throws PipelineConfigException naming the unknown param and the known ones
     */
    public static Map<String, Object> params(String step, Object[] params, Set<String> known) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            values.put((String) params[i], params[i + 1]);
        }
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new PipelineConfigException("step '" + step + "' has no parameter '" + key + "'; it takes "
                        + new TreeSet<>(known));
            }
        }
        return values;
    }

    /**
     * The transformer NER step: {@code model} (bundle name or folder), {@code engine}, {@code device},
     * {@code batchSize}, {@code guideline} (for a model trained under several annotation guidelines).
     */
    private static AnalysisEngineDescription ner(Object[] params, PipelineContext context) throws ResourceInitializationException {
        Map<String, Object> values = params("ner", params, Set.of("model", "engine", "device", "batchSize", "guideline"));
        Object model = values.get("model");
        if (!(model instanceof String name) || name.isBlank()) {
            throw new PipelineConfigException("step 'ner' needs a 'model' parameter: a bundle name under models/ or a folder");
        }
        return TransformerNerAnnotator.description(context.model(name), String.valueOf(values.getOrDefault("engine", "auto")),
                String.valueOf(values.getOrDefault("device", "cpu")), ((Number) values.getOrDefault("batchSize", 16)).intValue(),
                context.sharedPasses(), java.util.Objects.toString(values.get("guideline"), ""));
    }

    /**
     * The steps of every {@link StepProvider} found by the class loaders of this class and of the
     * current thread; names that are built in or already provided are skipped with a warning.
     */
    private static Map<String, StepFactory> discover() {
        Map<String, StepFactory> found = new LinkedHashMap<>();
        Set<String> providers = new TreeSet<>();
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(StepRegistry.class.getClassLoader());
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != loaders.getFirst()) {
            loaders.add(context);
        }
        for (ClassLoader loader : loaders) {
            try {
                for (StepProvider provider : ServiceLoader.load(StepProvider.class, loader)) {
                    if (providers.add(provider.getClass().getName())) {
                        add(provider, found);
                    }
                }
            } catch (ServiceConfigurationError e) {
                LOG.error("pipeline step providers could not all be loaded: {}", e.getMessage());
            }
        }
        return Collections.unmodifiableMap(found);
    }

    private static void add(StepProvider provider, Map<String, StepFactory> found) {
        provider.steps().forEach((name, factory) -> {
            if (STEPS.containsKey(name) || found.containsKey(name)) {
                LOG.warn("pipeline step '{}' of {} ignored: a step of that name exists", name, provider.getClass().getName());
            } else {
                found.put(name, factory);
            }
        });
    }

    private static StepFactory plain(Class<? extends AnalysisComponent> engine) {
        return (params, context) -> AnalysisEngineFactory.createEngineDescription(engine, params);
    }
}
