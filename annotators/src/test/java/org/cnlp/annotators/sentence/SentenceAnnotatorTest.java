package org.cnlp.annotators.sentence;

import static org.apache.uima.fit.pipeline.SimplePipeline.runPipeline;
import static org.apache.uima.fit.util.JCasUtil.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.cnlp.annotators.internal.CapabilityAssert;
import org.cnlp.annotators.internal.MtSamples;
import org.cnlp.annotators.section.SectionAnnotator;
import org.cnlp.type.Section;
import org.cnlp.type.Sentence;
import org.junit.jupiter.api.Test;

class SentenceAnnotatorTest {

    private static List<String> covered(JCas jcas) {
        return select(jcas, Sentence.class).stream().map(Sentence::getCoveredText).toList();
    }

    @Test
    void splitsWithoutSections() throws Exception {
        JCas jcas = JCasFactory.createText("Dr. Smith saw her. She takes 2.5 mg b.i.d. for pain.");
        runPipeline(jcas, SentenceAnnotator.description());
        assertEquals(List.of("Dr. Smith saw her.", "She takes 2.5 mg b.i.d. for pain."), covered(jcas));
    }

    @Test
    void headersAreSentencesAndSentencesStayInsideSections() throws Exception {
        JCas jcas = JCasFactory.createText("SUBJECTIVE:,  Cough for two days and,MEDICATIONS: , Her only medication is "
                + "Allegra.,PLAN:,1.  She will try Zyrtec.  Another option is loratadine.");
        runPipeline(jcas, SectionAnnotator.description(), SentenceAnnotator.description());
        assertEquals(List.of("SUBJECTIVE:", "Cough for two days and", "MEDICATIONS:", "Her only medication is Allegra.",
                "PLAN:", "1.  She will try Zyrtec.", "Another option is loratadine."), covered(jcas));
    }

    @Test
    void newlineBoundaryParameter() throws Exception {
        JCas jcas = JCasFactory.createText("history of\nhypertension");
        runPipeline(jcas, SentenceAnnotator.description(true));
        assertEquals(List.of("history of", "hypertension"), covered(jcas));
    }

    @Test
    void declaredCapabilitiesMatchOutput() throws Exception {
        CapabilityAssert.assertOutputsMatch(SentenceAnnotator.description(), JCasFactory.createText("One. Two."));
    }

    @Test
    void mtsamplesSentencesNeverCrossSectionsAndAreNeverBareListNumbers() throws Exception {
        AnalysisEngine sections = AnalysisEngineFactory.createEngine(SectionAnnotator.description());
        AnalysisEngine sentences = AnalysisEngineFactory.createEngine(SentenceAnnotator.description());
        JCas jcas = JCasFactory.createJCas();
        for (String note : MtSamples.transcriptions()) {
            jcas.reset();
            jcas.setDocumentText(note);
            sections.process(jcas);
            sentences.process(jcas);
            List<Section> sectionList = List.copyOf(select(jcas, Section.class));
            for (Sentence sentence : select(jcas, Sentence.class)) {
                String text = sentence.getCoveredText();
                assertFalse(text.matches("\\d{1,2}[.)]"), "bare list number: " + text);
                assertFalse(text.startsWith(",") || text.endsWith(",") || text.isBlank(), text);
                assertTrue(sectionList.stream().anyMatch(s -> s.getBegin() <= sentence.getBegin()
                        && sentence.getEnd() <= s.getEnd()), "crosses a section: " + text);
            }
        }
        sections.destroy();
        sentences.destroy();
    }
}
