package org.cnlp.annotators.ner;

import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.ner.NerTagger;
import org.cnlp.pipeline.microbatch.BatchSettings;

/** Loads a tagger with an engine setting; the one place the annotators choose an engine. */
final class NerTaggers {

    private NerTaggers() {}

    /** {@code engine}: auto (ONNX Runtime on CPU, PyTorch on GPU), onnxruntime or pytorch; see {@link NerTagger#load(ModelBundle, String, String, int)}. */
    static NerTagger load(ModelBundle bundle, String engine, String device, int batchSize, BatchSettings sharedPasses,
            String guideline) {
        return NerTagger.load(bundle, engine, device, batchSize, sharedPasses, guideline);
    }
}
