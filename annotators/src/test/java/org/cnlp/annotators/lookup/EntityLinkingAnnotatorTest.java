package org.cnlp.annotators.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.model.embed.SentenceEmbedder;
import org.cnlp.terminology.dense.DenseIndexWriter;
import org.cnlp.terminology.index.TerminologyIndex;
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

/** The linking step on real CASes, lexical and hybrid (bge-small vectors of a small terminology). */
class EntityLinkingAnnotatorTest {

    private static final List<Concept> CONCEPTS = List.of(
            disease("DOID:9169", "Wiskott-Aldrich syndrome", List.of(), "MESH:D014923"),
            disease("DOID:162", "cancer", List.of(new Synonym("tumour", SynonymType.LEARNED)), "MESH:D009369"),
            disease("DOID:10763", "hypertension", List.of(new Synonym("high blood pressure", SynonymType.EXACT)), "MESH:D006973"),
            disease("DOID:5844", "myocardial infarction", List.of(new Synonym("heart attack", SynonymType.EXACT)), "MESH:D009203"),
            new Concept("MESH:D001241", "aspirin", List.of(), List.of("MESH:D001241"), SemanticGroups.CHEMICAL, Sources.BC5CDR));

    private static final String TEXT = "Wiskott-Aldrich syndrome (WAS) is rare. WAS patients had tumours, elevated blood"
            + " pressure and took aspirin.";

    @TempDir
    static Path dir;

    @BeforeAll
    static void build() throws Exception {
        TerminologyIndexWriter.build(CONCEPTS, dir.resolve("index"), Map.of("DO", "test"));
        try (TerminologyIndex index = TerminologyIndex.open(dir.resolve("index"));
                SentenceEmbedder embedder = SentenceEmbedder.bgeSmall()) {
            DenseIndexWriter.write(index, embedder, dir.resolve("vectors"), null);
        }
    }

    private static Concept disease(String id, String name, List<Synonym> synonyms, String mesh) {
        return new Concept(id, name, synonyms, List.of(mesh), SemanticGroups.DISEASE, Sources.DO);
    }

    private static JCas link(Path vectors, String mode) throws Exception {
        AnalysisEngine engine = AnalysisEngineFactory.createEngine(EntityLinkingAnnotator.description(dir.resolve("index"), vectors,
                EntityLinkingAnnotator.PARAM_MODE, mode));
        try {
            JCas jcas = JCasFactory.createJCas();
            jcas.setDocumentText(TEXT);
            entity(jcas, "WAS patients", "Disease");
            entity(jcas, "tumours", "Disease");
            entity(jcas, "elevated blood pressure", "Disease");
            entity(jcas, "aspirin", "Chemical");
            engine.process(jcas);
            return jcas;
        } finally {
            engine.destroy();
        }
    }

    private static void entity(JCas jcas, String text, String type) {
        int begin = TEXT.indexOf(text);
        ClinicalEntity entity = new ClinicalEntity(jcas, begin, begin + text.length());
        entity.setSemanticType(type);
        entity.addToIndexes();
    }

    private static String topConcept(JCas jcas, String text) {
        ClinicalEntity entity = JCasUtil.select(jcas, ClinicalEntity.class).stream()
                .filter(e -> e.getCoveredText().equals(text)).findFirst().orElseThrow();
        return entity.getConcepts() == null ? null : entity.getConcepts(0).getConceptId();
    }

    @Test
    void hybridLinksWhatTheLexicalSearchMisses() throws Exception {
        JCas hybrid = link(dir.resolve("vectors"), "hybrid");
        assertEquals("DOID:9169", topConcept(hybrid, "WAS patients"), "the document's short form is read as its long form");
        assertEquals("DOID:162", topConcept(hybrid, "tumours"));
        assertEquals("DOID:10763", topConcept(hybrid, "elevated blood pressure"));
        assertEquals("MESH:D001241", topConcept(hybrid, "aspirin"), "chemicals link to chemicals only");

        JCas lexical = link(dir.resolve("vectors"), "lexical");
        assertEquals("DOID:9169", topConcept(lexical, "WAS patients"));
        assertEquals("MESH:D001241", topConcept(lexical, "aspirin"));
    }

    @Test
    void autoIsHybridWithCurrentVectorsAndLexicalWithout() throws Exception {
        List<String> mentions = List.of("WAS patients", "tumours", "elevated blood pressure", "aspirin");
        JCas autoWith = link(dir.resolve("vectors"), "auto");
        JCas hybrid = link(dir.resolve("vectors"), "hybrid");
        JCas autoWithout = link(dir.resolve("no-vectors"), "auto");
        JCas lexical = link(dir.resolve("vectors"), "lexical");
        for (String mention : mentions) {
            assertEquals(topConcept(hybrid, mention), topConcept(autoWith, mention), mention);
            assertEquals(topConcept(lexical, mention), topConcept(autoWithout, mention), mention);
        }
        ClinicalEntity tumours = JCasUtil.select(hybrid, ClinicalEntity.class).stream()
                .filter(e -> e.getCoveredText().equals("tumours")).findFirst().orElseThrow();
        assertTrue(tumours.getConcepts(0).getScore() >= 0.5, "links carry a score in 0..1");
    }

    @Test
    void denseModesWithoutVectorsFailWithTheFix() {
        ResourceInitializationException e = assertThrows(ResourceInitializationException.class,
                () -> link(dir.resolve("no-vectors"), "dense"));
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        assertTrue(messages.toString().contains("cnlp terminology embed"), messages.toString());
        assertThrows(ResourceInitializationException.class, () -> link(dir.resolve("vectors"), "fuzzy"));
    }
}
