package org.cnlp.pipeline.batch;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.pipeline.run.PipelineRunner;
import org.cnlp.type.ClinicalEntity;

/**
 * A fast real engine for batch tests: marks every "pain" as a Phenotype entity of model
 * {@value #MODEL}; fails on a document containing "POISON"; optionally sleeps per document.
 */
public final class PainAnnotator extends JCasAnnotator_ImplBase {

    public static final String MODEL = "test-lexicon@1";
    public static final String PARAM_DELAY_MILLIS = "delayMillis";

    private static final Pattern PAIN = Pattern.compile("\\bpain\\b");

    @ConfigurationParameter(name = PARAM_DELAY_MILLIS, mandatory = false, defaultValue = "0")
    private int delayMillis;

    @Override
    public void process(JCas jcas) throws AnalysisEngineProcessException {
        String text = jcas.getDocumentText();
        if (text.contains("POISON")) {
            throw new AnalysisEngineProcessException(new IllegalStateException("poisoned engine state"));
        }
        Matcher m = PAIN.matcher(text);
        while (m.find()) {
            ClinicalEntity entity = new ClinicalEntity(jcas, m.start(), m.end());
            entity.setSemanticType("Phenotype");
            entity.setConfidence(1.0);
            entity.setAnnotator(PainAnnotator.class.getSimpleName());
            entity.setModelId(MODEL);
            entity.setPolarity(1);
            entity.addToIndexes();
        }
        if (delayMillis > 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AnalysisEngineProcessException(e);
            }
        }
    }

    public static AnalysisEngineDescription description(int delayMillis) throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(PainAnnotator.class, PARAM_DELAY_MILLIS, delayMillis);
    }

    public static PipelineRunner runner(int instances, int delayMillis) throws ResourceInitializationException {
        return PipelineRunner.create(description(delayMillis), instances);
    }
}
