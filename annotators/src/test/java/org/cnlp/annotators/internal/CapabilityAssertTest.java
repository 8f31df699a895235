package org.cnlp.annotators.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.cnlp.type.Token;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class CapabilityAssertTest {

    /** Declares sentences, creates tokens. */
    @TypeCapability(outputs = {"org.cnlp.type.Sentence"})
    public static class DriftingAnnotator extends JCasAnnotator_ImplBase {
        @Override
        public void process(JCas jcas) {
            new Token(jcas, 0, 1).addToIndexes();
        }
    }

    @Test
    void detectsDeclaredCapabilitiesThatDriftFromTheCode() {
        assertThrows(AssertionFailedError.class, () -> CapabilityAssert.assertOutputsMatch(
                AnalysisEngineFactory.createEngineDescription(DriftingAnnotator.class), JCasFactory.createText("x")));
    }
}
