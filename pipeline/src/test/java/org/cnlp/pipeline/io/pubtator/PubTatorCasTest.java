package org.cnlp.pipeline.io.pubtator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.io.CasFixtures;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument.Mention;
import org.cnlp.type.ClinicalEntity;
import org.cnlp.type.DocumentMetadata;
import org.junit.jupiter.api.Test;

class PubTatorCasTest {

    private static final PubTatorDocument DOCUMENT = new PubTatorDocument("4242", "Diabetes and gout.",
            "Metformin helps; diabetes, fever and aspirin.",
            List.of(new Mention(0, 8, "Diabetes", "SpecificDisease", List.of("D003920"))));

    @Test
    void loadsTextAndMetadata() throws Exception {
        JCas jcas = CasFixtures.emptyJCas();
        PubTatorCas.load(DOCUMENT, "dev.txt", jcas);

        assertEquals(DOCUMENT.text(), jcas.getDocumentText());
        assertEquals("en", jcas.getDocumentLanguage());
        DocumentMetadata metadata = JCasUtil.selectSingle(jcas, DocumentMetadata.class);
        assertEquals("4242", metadata.getDocumentId());
        assertEquals("dev.txt", metadata.getSource());
        assertEquals("pubtator", metadata.getSourceFormat());
        assertEquals(18, metadata.getTitleEnd());
        assertEquals(0, JCasUtil.select(jcas, ClinicalEntity.class).size(), "gold mentions are not loaded");
    }

    @Test
    void writesEntitiesAsPubTatorMentions() throws Exception {
        JCas jcas = CasFixtures.emptyJCas();
        PubTatorCas.load(DOCUMENT, "dev.txt", jcas);
        ClinicalEntity diabetes = CasFixtures.entity(jcas, "Diabetes", "Disease", 0.9);
        diabetes.setConcepts(CasFixtures.concepts(jcas,
                CasFixtures.concept(jcas, "DOID", "DOID:9351", "diabetes mellitus", 1.0, "UMLS:C0011849", "MESH:D003920"),
                CasFixtures.concept(jcas, "DOID", "DOID:0", "other", 0.1, "MESH:D000001")));
        diabetes.addToIndexes();
        ClinicalEntity gout = CasFixtures.entity(jcas, "gout", "disease", 0.9);
        gout.setConcepts(CasFixtures.concepts(jcas, CasFixtures.concept(jcas, "DOID", "DOID:13189", "gout", 1.0, "OMIM:138900")));
        gout.addToIndexes();
        CasFixtures.entity(jcas, "Metformin", "Chemical", 0.8).addToIndexes();
        ClinicalEntity fever = CasFixtures.entity(jcas, "fever", "Phenotype", 0.7);
        fever.setConcepts(CasFixtures.concepts(jcas, CasFixtures.concept(jcas, "HP", "HP:0001945", "Fever", 1.0, "MSH:D005334")));
        fever.addToIndexes();
        CasFixtures.entity(jcas, "aspirin", "Procedure", 0.7).addToIndexes();

        StringWriter out = new StringWriter();
        PubTatorWriter.write(jcas, out);

        assertEquals("""
                4242|t|Diabetes and gout.
                4242|a|Metformin helps; diabetes, fever and aspirin.
                4242\t0\t8\tDiabetes\tDisease\tD003920
                4242\t13\t17\tgout\tDisease\tDOID:13189
                4242\t19\t28\tMetformin\tChemical\t-1
                4242\t46\t51\tfever\tDisease\tD005334

                """, out.toString());
        assertEquals(4, PubTatorReader.parse(out.toString(), "written").get(0).mentions().size());
    }

    @Test
    void mapsSemanticTypes() {
        assertEquals(Optional.of("Disease"), PubTatorCas.pubTatorType("Disease"));
        assertEquals(Optional.of("Disease"), PubTatorCas.pubTatorType("PHENOTYPE"));
        assertEquals(Optional.of("Chemical"), PubTatorCas.pubTatorType("chemical"));
        assertEquals(Optional.empty(), PubTatorCas.pubTatorType("Procedure"));
        assertEquals(Optional.empty(), PubTatorCas.pubTatorType(null));
    }

    @Test
    void aNoteWithoutTitleBecomesOneTitleLine() throws Exception {
        JCas jcas = CasFixtures.annotatedNote();
        PubTatorDocument document = PubTatorCas.toDocument(jcas);

        assertEquals("note-1", document.pmid());
        assertEquals(CasFixtures.NOTE.replace('\n', ' '), document.title());
        assertEquals("", document.abstractText());
        assertEquals(List.of(
                new Mention(8, 16, "diabetes", "Disease", List.of("D003920")),
                new Mention(29, 42, "breast cancer", "Disease", List.of("D001943")),
                new Mention(56, 65, "metformin", "Chemical", List.of())), document.mentions());
        assertEquals(List.of(document), PubTatorReader.parse(PubTatorWriter.toString(document), "x"));
    }

    @Test
    void writerRoundTripsAParsedCorpusBlock() throws Exception {
        String block = """
                5|t|Fever and cough.
                5|a|No fever.
                5\t0\t5\tFever\tDisease\tD005334
                5\t10\t15\tcough\tDisease\tD003371|D000001
                5\t20\t25\tfever\tDisease\t-1

                """;
        PubTatorDocument document = PubTatorReader.parse(block, "x").get(0);

        assertEquals(block, PubTatorWriter.toString(document));
    }

    @Test
    void aCasWithoutDocumentIdCannotBeWritten() throws Exception {
        JCas jcas = CasFixtures.emptyJCas();
        jcas.setDocumentText("text");

        assertThrows(IllegalArgumentException.class, () -> PubTatorWriter.write(jcas, new StringWriter()));
    }
}
