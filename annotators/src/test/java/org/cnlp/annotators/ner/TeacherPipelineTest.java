package org.cnlp.annotators.ner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.annotators.pipelines.PipelineCatalog;
import org.cnlp.annotators.pipelines.PipelineContext;
import org.cnlp.annotators.pipelines.PipelineFactory;
import org.cnlp.model.ner.LabelScheme;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.ner.TinyBundles;
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

class TeacherPipelineTest {

    @TempDir
    static Path dir;
    static Path index;
    static Path models;
    static ModelBundle bundle;

    @BeforeAll
    static void setUp() throws Exception {
        index = dir.resolve("index");
        TerminologyIndexWriter.build(List.of(
                new Concept("DOID:9351", "diabetes mellitus", List.of(new Synonym("diabetes", SynonymType.EXACT)),
                        List.of("MESH:D003920"), SemanticGroups.DISEASE, Sources.DO),
                new Concept("MESH:D001241", "aspirin", List.of(), List.of("MESH:D001241"), SemanticGroups.CHEMICAL, Sources.BC5CDR)),
                index);
        models = dir.resolve("models");
        bundle = TinyBundles.write(models.resolve("ner-teacher"), "ner-teacher", LabelScheme.of("Disease", "Chemical").begin(0));
    }

    @Test
    void theTeacherPipelineTagsLinksAndAssertsEntitiesWithExactOffsets() throws Exception {
        AnalysisEngine engine = AnalysisEngineFactory.createEngine(
                PipelineFactory.aggregate(PipelineCatalog.builtIn().get("teacher"), new PipelineContext(index, models)));
        String text = "The patient denies diabetes.";
        JCas jcas = JCasFactory.createText(text, "en");
        SimplePipeline.runPipeline(jcas, engine);
        List<ClinicalEntity> entities = List.copyOf(JCasUtil.select(jcas, ClinicalEntity.class));
        // the tiny model tags every word B-Disease: one entity per word, offsets on word boundaries
        assertEquals(List.of("The", "patient", "denies", "diabetes", "."), entities.stream().map(ClinicalEntity::getCoveredText).toList());
        ClinicalEntity diabetes = entities.get(3);
        assertEquals("Disease", diabetes.getSemanticType());
        assertEquals(bundle.id(), diabetes.getModelId());
        assertEquals("TransformerNerAnnotator", diabetes.getAnnotator());
        assertTrue(diabetes.getConfidence() > 0.9);
        assertEquals("DOID:9351", diabetes.getConcepts(0).getConceptId(), "linked through the terminology index");
        assertEquals(-1, diabetes.getPolarity(), "ConText negates it after 'denies'");
        assertTrue(entities.get(1).getConcepts() == null || entities.get(1).getConcepts().size() == 0, "'patient' links nowhere");
        engine.destroy();
    }

    @Test
    void aMissingOrDamagedBundleStopsThePipelineWithAClearMessage() throws Exception {
        Path broken = dir.resolve("broken-models");
        TinyBundles.write(broken.resolve("ner-teacher"), "ner-teacher", 0);
        Files.delete(broken.resolve("ner-teacher/config.json"));
        for (Path models : List.of(dir.resolve("empty-models"), broken)) {
            ResourceInitializationException e = assertThrows(ResourceInitializationException.class,
                    () -> AnalysisEngineFactory.createEngine(PipelineFactory.aggregate(PipelineCatalog.builtIn().get("teacher"),
                            new PipelineContext(index, models))));
            String message = rootMessage(e);
            assertTrue(message.contains("cannot load the NER model") && message.contains("ner-teacher"), message);
        }
    }

    private static String rootMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
