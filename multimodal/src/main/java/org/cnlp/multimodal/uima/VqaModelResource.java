package org.cnlp.multimodal.uima;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.apache.uima.fit.component.Resource_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.resource.ResourceInitializationException;
import org.apache.uima.resource.ResourceSpecifier;
import org.cnlp.multimodal.vqa.VqaPredictor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A VQA bundle loaded once per pipeline and shared by every engine replica (the predictor is
 * thread-safe), with the NER bundle it reads questions with. The bundle's checksums and its
 * question encoder's id are verified on load; a missing, damaged or mismatched bundle fails the
 * pipeline's start with a message naming the folder and what to do.
 */
public final class VqaModelResource extends Resource_ImplBase {

    public static final String PARAM_BUNDLE = "bundle";
    @ConfigurationParameter(name = PARAM_BUNDLE, mandatory = true, description = "Folder of the VQA bundle.")
    private String bundle;

    public static final String PARAM_MODELS_DIR = "modelsDir";
    @ConfigurationParameter(name = PARAM_MODELS_DIR, mandatory = true,
            description = "Folder holding the NER bundle the VQA bundle names as its question encoder (ner-teacher for the shipped bundle).")
    private String modelsDir;

    private static final Logger LOG = LoggerFactory.getLogger(VqaModelResource.class);

    private VqaPredictor predictor;
    private String modelId;

    @Override
    public boolean initialize(ResourceSpecifier specifier, Map<String, Object> additionalParams)
            throws ResourceInitializationException {
        if (!super.initialize(specifier, additionalParams)) {
            return false;
        }
        long start = System.nanoTime();
        try {
            modelId = VqaModelId.of(Path.of(bundle));
            predictor = VqaPredictor.open(Path.of(bundle), Path.of(modelsDir));
        } catch (IOException | RuntimeException e) {
            throw new ResourceInitializationException(new IllegalStateException("cannot load the VQA model: " + e.getMessage()
                    + " (train one with: cnlp vqa train)", e));
        }
        LOG.info("VQA model {} ready ({} fusion, {} answers, questions by {}) in {} ms", modelId,
                predictor.bundle().fusion().id(), predictor.bundle().vocabulary().size(), predictor.bundle().questionId(),
                (System.nanoTime() - start) / 1_000_000);
        return true;
    }

    /** The loaded predictor. */
    public VqaPredictor predictor() {
        return predictor;
    }

    /** The bundle's id ({@code vqa@3f2a9c01b7de}), which answers carry. */
    public String modelId() {
        return modelId;
    }

    @Override
    public void destroy() {
        try {
            if (predictor != null) {
                predictor.close();
            }
        } finally {
            super.destroy();
        }
    }
}
