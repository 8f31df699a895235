package org.cnlp.annotators.ner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.uima.fit.component.Resource_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.resource.ResourceInitializationException;
import org.apache.uima.resource.ResourceSpecifier;
import org.cnlp.model.encoder.BatchingTokenRunner;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.ner.NerTagger;
import org.cnlp.pipeline.microbatch.BatchSettings;
import org.cnlp.pipeline.microbatch.BatcherStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NER model bundle loaded once per pipeline and shared by every engine replica (the tagger
 * is thread-safe). The bundle's checksums are verified on load; a missing or damaged bundle
 * fails the pipeline's start with a message naming the folder and how to get a good one.
 */
public final class NerModelResource extends Resource_ImplBase {

    public static final String PARAM_BUNDLE = "bundle";
    @ConfigurationParameter(name = PARAM_BUNDLE, mandatory = true, description = "Folder of the model bundle.")
    private String bundle;

    public static final String PARAM_ENGINE = "engine";
    @ConfigurationParameter(name = PARAM_ENGINE, mandatory = false, defaultValue = "auto",
            description = "auto (ONNX Runtime on CPU, PyTorch on GPU), onnxruntime or pytorch.")
    private String engine;

    public static final String PARAM_DEVICE = "device";
    @ConfigurationParameter(name = PARAM_DEVICE, mandatory = false, defaultValue = "cpu",
            description = "cpu, auto or cuda[:N].")
    private String device;

    public static final String PARAM_BATCH_SIZE = "batchSize";
    @ConfigurationParameter(name = PARAM_BATCH_SIZE, mandatory = false, defaultValue = "16",
            description = "Windows per forward pass.")
    private int batchSize;

    public static final String PARAM_SHARED_PASS = "sharedPass";
    @ConfigurationParameter(name = PARAM_SHARED_PASS, mandatory = false, defaultValue = "0",
            description = "Windows per shared forward pass, merged from the documents the replicas tag at the same time; 0: none.")
    private int sharedPass;

    public static final String PARAM_SHARED_WAIT_MS = "sharedWaitMs";
    @ConfigurationParameter(name = PARAM_SHARED_WAIT_MS, mandatory = false, defaultValue = "0",
            description = "How long the first window of a shared pass waits for others (0: the pass takes what is queued).")
    private int sharedWaitMs;

    public static final String PARAM_GUIDELINE = "guideline";
    @ConfigurationParameter(name = PARAM_GUIDELINE, mandatory = false, defaultValue = "",
            description = "The annotation guideline the entities follow, for a model trained under several (empty: the model's first).")
    private String guideline;

    private static final Logger LOG = LoggerFactory.getLogger(NerModelResource.class);

    private NerTagger tagger;

    @Override
    public boolean initialize(ResourceSpecifier specifier, Map<String, Object> additionalParams)
            throws ResourceInitializationException {
        if (!super.initialize(specifier, additionalParams)) {
            return false;
        }
        long start = System.nanoTime();
        ModelBundle model;
        try {
            model = ModelBundle.open(Path.of(bundle));
        } catch (IOException e) {
            throw new ResourceInitializationException(new IllegalStateException("cannot load the NER model: " + e.getMessage()
                    + " (the default bundles ship in the repository's models/ folder; retrain with: cnlp distill teacher)", e));
        }
        BatchSettings sharedPasses = sharedPass <= 0 ? null
                : BatchingTokenRunner.settings(sharedPass, Duration.ofMillis(Math.max(0, sharedWaitMs)));
        try {
            tagger = NerTaggers.load(model, engine, device, batchSize, sharedPasses, guideline);
        } catch (IllegalArgumentException e) {
            throw new ResourceInitializationException(new IllegalStateException("cannot load the NER model: " + e.getMessage(), e));
        }
        LOG.info("NER model {} ready ({} parameters, {}{}) in {} ms", tagger.modelId(), model.parameterCount(),
                tagger.model().engineDescription(), model.guidelines().isEmpty() ? ""
                        : ", guideline " + model.guidelines().get(tagger.guideline()) + " of " + model.guidelines(),
                (System.nanoTime() - start) / 1_000_000);
        return true;
    }

    /** The settings and counters of the shared forward passes, when the replicas share them. */
    public Optional<SharedPasses> sharedPasses() {
        return tagger.model() instanceof BatchingTokenRunner shared
                ? Optional.of(new SharedPasses(shared.settings(), shared.stats(), shared.directSequences()))
                : Optional.empty();
    }

    /**
     * A model step's shared passes.
     *
     * @param settings sequences per pass and the wait
     * @param stats sequences ({@code processed}) and passes ({@code batches}) so far
     * @param directSequences sequences run on their caller's own pass (queue full, or their shared pass failed)
     */
    public record SharedPasses(BatchSettings settings, BatcherStats stats, long directSequences) {}

    /** The loaded tagger. */
    public NerTagger tagger() {
        return tagger;
    }

    @Override
    public void destroy() {
        try {
            if (tagger != null) {
                tagger.close();
            }
        } finally {
            super.destroy();
        }
    }
}
