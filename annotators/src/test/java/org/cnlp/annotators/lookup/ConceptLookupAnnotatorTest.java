package org.cnlp.annotators.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.cnlp.annotators.section.SectionAnnotator;
import org.cnlp.annotators.sentence.SentenceAnnotator;
import org.cnlp.annotators.token.TokenAnnotator;
import org.cnlp.terminology.index.TerminologyIndexWriter;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.cnlp.type.ClinicalEntity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConceptLookupAnnotatorTest {

    @TempDir
    static Path indexDir;

    private static AnalysisEngine engine;

    @BeforeAll
    static void buildTinyIndex() throws Exception {
        TerminologyIndexWriter.build(List.of(
                new Concept("DOID:5844", "myocardial infarction",
                        List.of(new Synonym("heart attack", SynonymType.EXACT), new Synonym("MI", SynonymType.ABBREVIATION)),
                        List.of("MESH:D009203"), SemanticGroups.DISEASE, Sources.DO),
                new Concept("DOID:1234", "baby tooth disease", List.of(), List.of(), SemanticGroups.DISEASE, Sources.DO),
                new Concept("DOID:10283", "prostate cancer", List.of(), List.of("MESH:D011471"), SemanticGroups.DISEASE, Sources.DO),
                new Concept("MESH:D000082", "acetaminophen", List.of(new Synonym("paracetamol", SynonymType.EXACT)),
                        List.of("MESH:D000082"), SemanticGroups.CHEMICAL, Sources.BC5CDR)), indexDir);
        engine = AnalysisEngineFactory.createEngine(AnalysisEngineFactory.createEngineDescription(
                SentenceAnnotator.description(), TokenAnnotator.description(),
                ConceptLookupAnnotator.description(indexDir, ConceptLookupAnnotator.PARAM_MAX_CONCEPTS, 2)));
    }

    private static List<ClinicalEntity> annotate(String text) throws Exception {
        JCas jcas = JCasFactory.createText(text, "en");
        SimplePipeline.runPipeline(jcas, engine);
        return List.copyOf(JCasUtil.select(jcas, ClinicalEntity.class));
    }

    @Test
    void createsLinkedEntitiesWithExactOffsets() throws Exception {
        List<ClinicalEntity> entities = annotate("History of heart attack. Took paracetamol for prostate cancer pain.");
        assertEquals(List.of("heart attack", "paracetamol", "prostate cancer"),
                entities.stream().map(ClinicalEntity::getCoveredText).toList());
        ClinicalEntity mi = entities.getFirst();
        assertEquals("Disease", mi.getSemanticType());
        assertEquals("DOID:5844", mi.getConcepts(0).getConceptId());
        assertEquals("myocardial infarction", mi.getConcepts(0).getPreferredTerm());
        assertEquals("MESH:D009203", mi.getConcepts(0).getXrefs(0));
        assertEquals(1, mi.getPolarity());
        assertEquals("patient", mi.getSubject());
        assertEquals("ConceptLookupAnnotator", mi.getAnnotator());
        assertEquals("Chemical", entities.get(1).getSemanticType());
    }

    @Test
    void neverMatchesPartOfAWordOrALowercaseAbbreviation() throws Exception {
        assertTrue(annotate("The baby to bed; mi casa; prostates cancerous.").isEmpty());
        assertEquals(List.of("MI"), annotate("Old MI.").stream().map(ClinicalEntity::getCoveredText).toList());
    }

    @Test
    void sectionHeadersAreNotFindings() throws Exception {
        JCas jcas = JCasFactory.createText("HEART ATTACK:\nNone. Heart attack in 2010.", "en");
        SimplePipeline.runPipeline(jcas, AnalysisEngineFactory.createEngine(SectionAnnotator.description()), engine);
        List<ClinicalEntity> entities = List.copyOf(JCasUtil.select(jcas, ClinicalEntity.class));
        assertEquals(1, entities.size());
        assertEquals(jcas.getDocumentText().indexOf("Heart attack"), entities.getFirst().getBegin());
    }

    @Test
    void matchesDoNotCrossSentences() throws Exception {
        assertTrue(annotate("He had a heart. Attack was absent.").isEmpty());
    }
}
