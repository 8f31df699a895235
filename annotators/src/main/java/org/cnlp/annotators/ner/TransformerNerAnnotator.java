package org.cnlp.annotators.ner;

import java.nio.file.Path;
import java.util.List;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ExternalResource;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.ExternalResourceFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.model.ner.NerSpan;
import org.cnlp.pipeline.microbatch.BatchSettings;
import org.cnlp.type.ClinicalEntity;

/**
 * Transformer NER: tags the whole document with a {@link NerModelResource} (sliding windows over
 * long notes, exact character offsets) and adds one {@link ClinicalEntity} per span with its
 * type, confidence and the model id; entities start affirmed and about the patient, for the
 * assertion and linking engines to refine.
 */
@TypeCapability(outputs = "org.cnlp.type.ClinicalEntity")
public final class TransformerNerAnnotator extends JCasAnnotator_ImplBase {

    public static final String RES_MODEL = "model";
    @ExternalResource(key = RES_MODEL)
    private NerModelResource model;

    private static final String ANNOTATOR = TransformerNerAnnotator.class.getSimpleName();

    /**
     * The engine with the bundle in {@code bundleDir}.
     *
     * @param engine {@code auto}, {@code onnxruntime} or {@code pytorch}
     * @param device {@code cpu}, {@code auto} or {@code cuda[:N]}
     */
    public static AnalysisEngineDescription description(Path bundleDir, String engine, String device, int batchSize)
            throws ResourceInitializationException {
        return description(bundleDir, engine, device, batchSize, null);
    }

    /**
     * The engine with the bundle in {@code bundleDir}, its replicas merging concurrent documents'
     * forwards into shared passes of {@code sharedPasses}' size and wait (null: each runs its own);
     * the queue and the single worker follow from those ({@link org.cnlp.model.encoder.BatchingTokenRunner#settings}).
     */
    public static AnalysisEngineDescription description(Path bundleDir, String engine, String device, int batchSize,
            BatchSettings sharedPasses) throws ResourceInitializationException {
        return description(bundleDir, engine, device, batchSize, sharedPasses, "");
    }

    /**
     * As {@link #description(Path, String, String, int, BatchSettings)}, the entities following one
     * of the model's annotation guidelines ({@code guideline}; blank for its first).
     */
    public static AnalysisEngineDescription description(Path bundleDir, String engine, String device, int batchSize,
            BatchSettings sharedPasses, String guideline) throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(TransformerNerAnnotator.class, RES_MODEL,
                ExternalResourceFactory.createResourceDescription(NerModelResource.class,
                        NerModelResource.PARAM_BUNDLE, bundleDir.toAbsolutePath().toString(),
                        NerModelResource.PARAM_ENGINE, engine,
                        NerModelResource.PARAM_DEVICE, device,
                        NerModelResource.PARAM_BATCH_SIZE, String.valueOf(batchSize),
                        NerModelResource.PARAM_SHARED_PASS, String.valueOf(sharedPasses == null ? 0 : sharedPasses.maxBatchSize()),
                        NerModelResource.PARAM_SHARED_WAIT_MS, String.valueOf(sharedPasses == null ? 0 : sharedPasses.maxWait().toMillis()),
                        NerModelResource.PARAM_GUIDELINE, guideline == null ? "" : guideline));
    }

    @Override
    public void process(JCas jcas) {
        String text = jcas.getDocumentText();
        if (text == null || text.isBlank()) {
            return;
        }
        List<NerSpan> spans = model.tagger().tag(text);
        String modelId = model.tagger().modelId();
        for (NerSpan span : spans) {
            ClinicalEntity entity = new ClinicalEntity(jcas, span.begin(), span.end());
            entity.setSemanticType(span.type());
            entity.setConfidence(span.confidence());
            entity.setAnnotator(ANNOTATOR);
            entity.setModelId(modelId);
            entity.setPolarity(1);
            entity.setSubject("patient");
            entity.addToIndexes();
        }
    }
}
