package org.cnlp.annotators.assertion;

import static org.apache.uima.fit.pipeline.SimplePipeline.runPipeline;
import static org.apache.uima.fit.util.JCasUtil.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.cnlp.annotators.internal.CapabilityAssert;
import org.cnlp.annotators.section.SectionAnnotator;
import org.cnlp.annotators.sentence.SentenceAnnotator;
import org.cnlp.annotators.token.TokenAnnotator;
import org.cnlp.type.ClinicalEntity;
import org.cnlp.type.Token;
import org.junit.jupiter.api.Test;

class AssertionAnnotatorTest {

    private static ClinicalEntity entity(JCas jcas, String text, int from) {
        int begin = jcas.getDocumentText().indexOf(text, from);
        ClinicalEntity e = new ClinicalEntity(jcas, begin, begin + text.length());
        e.addToIndexes();
        return e;
    }

    @Test
    void setsAttributesOverAFullPipeline() throws Exception {
        JCas jcas = JCasFactory.createText("""
                HPI: Denies chest pain but reports dyspnea. Possible pneumonia.
                PAST MEDICAL HISTORY: Asthma.
                FAMILY HISTORY: Mother with breast cancer.
                PLAN: Return if fever develops.""");
        ClinicalEntity chestPain = entity(jcas, "chest pain", 0);
        ClinicalEntity dyspnea = entity(jcas, "dyspnea", 0);
        ClinicalEntity pneumonia = entity(jcas, "pneumonia", 0);
        ClinicalEntity asthma = entity(jcas, "Asthma", 0);
        ClinicalEntity cancer = entity(jcas, "breast cancer", 0);
        ClinicalEntity fever = entity(jcas, "fever", 0);
        runPipeline(jcas, SectionAnnotator.description(), SentenceAnnotator.description(), TokenAnnotator.description(),
                AssertionAnnotator.description());
        assertEquals(-1, chestPain.getPolarity());
        assertEquals(1, dyspnea.getPolarity());
        assertTrue(pneumonia.getUncertain());
        assertFalse(dyspnea.getUncertain());
        assertTrue(asthma.getHistorical());
        assertEquals("family_member", cancer.getSubject());
        assertEquals("patient", asthma.getSubject());
        assertTrue(fever.getConditional());
    }

    @Test
    void sentenceBoundaryLimitsScope() throws Exception {
        JCas jcas = JCasFactory.createText("No fever. Cough.");
        ClinicalEntity cough = entity(jcas, "Cough", 0);
        runPipeline(jcas, SentenceAnnotator.description(), TokenAnnotator.description(), AssertionAnnotator.description());
        assertEquals(1, cough.getPolarity());
    }

    @Test
    void worksWithoutSentencesOrTokens() throws Exception {
        JCas jcas = JCasFactory.createText("No fever. Cough.");
        ClinicalEntity fever = entity(jcas, "fever", 0);
        ClinicalEntity cough = entity(jcas, "Cough", 0);
        runPipeline(jcas, AssertionAnnotator.description());
        assertEquals(-1, fever.getPolarity());
        assertEquals(1, cough.getPolarity());
        assertEquals("patient", cough.getSubject());
    }

    @Test
    void usesTokensFromAnotherTokenizer() throws Exception {
        JCas jcas = JCasFactory.createText("NO FEVER");
        new Token(jcas, 0, 2).addToIndexes();
        Token fever = new Token(jcas, 3, 8);
        fever.setKind("ALPHA");
        fever.addToIndexes();
        ClinicalEntity entity = entity(jcas, "FEVER", 0);
        runPipeline(jcas, AssertionAnnotator.description());
        assertEquals(-1, entity.getPolarity());
    }

    @Test
    void sectionParametersAcceptRepeatedNames() throws Exception {
        JCas jcas = JCasFactory.createText("SOCIAL HISTORY: Alcohol abuse.");
        ClinicalEntity abuse = entity(jcas, "Alcohol abuse", 0);
        runPipeline(jcas, SectionAnnotator.description(), AnalysisEngineFactory.createEngineDescription(
                AssertionAnnotator.class, AssertionAnnotator.PARAM_HISTORICAL_SECTIONS,
                new String[] {"social_history", "social_history"}));
        assertTrue(abuse.getHistorical());
    }

    @Test
    void scopeWindowParameter() throws Exception {
        JCas jcas = JCasFactory.createText("No one two pneumonia.");
        ClinicalEntity pneumonia = entity(jcas, "pneumonia", 0);
        runPipeline(jcas, AssertionAnnotator.description(2));
        assertEquals(1, pneumonia.getPolarity());
    }

    @Test
    void documentWithoutEntitiesIsLeftAlone() throws Exception {
        JCas jcas = JCasFactory.createText("No fever.");
        runPipeline(jcas, AssertionAnnotator.description());
        assertEquals(List.of(), List.copyOf(select(jcas, ClinicalEntity.class)));
    }

    @Test
    void declaredCapabilitiesMatchOutput() throws Exception {
        JCas jcas = JCasFactory.createText("No fever. Possible pneumonia. Return if rash. History of asthma. His wife has flu.");
        for (String text : List.of("fever", "pneumonia", "rash", "asthma", "flu")) {
            entity(jcas, text, 0);
        }
        CapabilityAssert.assertOutputsMatch(AssertionAnnotator.description(), jcas);
    }
}
