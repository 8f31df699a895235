package org.cnlp.pipeline.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.io.CasFixtures;
import org.cnlp.pipeline.io.DocumentFormatException;
import org.cnlp.pipeline.io.json.CasJsonWriter.Include;
import org.cnlp.type.ClinicalEntity;
import org.cnlp.type.DocumentMetadata;
import org.junit.jupiter.api.Test;

class CasJsonReaderTest {

    private static final CasJsonWriter FULL = new CasJsonWriter(EnumSet.allOf(Include.class), true);

    @Test
    void writeReadWriteGivesIdenticalJson() throws Exception {
        String first = FULL.toJson(CasFixtures.annotatedNote());
        JCas copy = CasFixtures.emptyJCas();
        CasJsonReader.read(new ByteArrayInputStream(first.getBytes(StandardCharsets.UTF_8)), "note.json", copy);

        assertEquals(first, FULL.toJson(copy));
        ClinicalEntity diabetes = JCasUtil.select(copy, ClinicalEntity.class).iterator().next();
        assertEquals(-1, diabetes.getPolarity());
        assertEquals("MESH:D003920", diabetes.getConcepts(0).getXrefs(0));
    }

    @Test
    void pubTatorTitleEndSurvivesTheRoundTrip() throws Exception {
        JCas jcas = CasFixtures.emptyJCas();
        jcas.setDocumentText("A title. An abstract.");
        DocumentMetadata metadata = new DocumentMetadata(jcas);
        metadata.setDocumentId("123");
        metadata.setSourceFormat("pubtator");
        metadata.setTitleEnd(8);
        metadata.addToIndexes();
        String first = FULL.toJson(jcas);
        JCas copy = CasFixtures.emptyJCas();
        CasJsonReader.read(first, "doc", copy);

        assertTrue(first.contains("\"titleEnd\" : 8"));
        assertEquals(first, FULL.toJson(copy));
    }

    @Test
    void annotatesTheTextAlreadyInTheCasWhenTheJsonHasNone() throws Exception {
        CasJsonWriter withoutText = new CasJsonWriter(Set.of());
        String json = withoutText.toJson(CasFixtures.annotatedNote());
        JCas target = CasFixtures.emptyJCas();
        target.setDocumentText(CasFixtures.NOTE);
        CasJsonReader.read(json, "note", target);

        assertEquals(json, withoutText.toJson(target));
        assertEquals(1, JCasUtil.select(target, DocumentMetadata.class).size());
    }

    @Test
    void updatesAnExistingDocumentMetadataInsteadOfAddingOne() throws Exception {
        JCas target = CasFixtures.emptyJCas();
        DocumentMetadata existing = new DocumentMetadata(target);
        existing.setDocumentId("old");
        existing.addToIndexes();
        CasJsonReader.read(FULL.toJson(CasFixtures.annotatedNote()), "note", target);

        assertEquals(1, JCasUtil.select(target, DocumentMetadata.class).size());
        assertEquals("note-1", existing.getDocumentId());
    }

    @Test
    void rejectsJsonWithoutTextForAnEmptyCas() throws Exception {
        String json = new CasJsonWriter(Set.of()).toJson(CasFixtures.annotatedNote());

        DocumentFormatException e = assertThrows(DocumentFormatException.class,
                () -> CasJsonReader.read(json, "note.json", CasFixtures.emptyJCas()));
        assertEquals("note.json: /text: missing, and the CAS has no document text to annotate", e.getMessage());
    }

    @Test
    void rejectsOtherSchemasAndVersions() throws Exception {
        ObjectNode json = FULL.toTree(CasFixtures.annotatedNote());
        json.put("version", "2.0");
        DocumentFormatException version = assertThrows(DocumentFormatException.class,
                () -> CasJsonReader.read(json, "x", CasFixtures.emptyJCas()));
        assertTrue(version.getMessage().contains("unsupported version \"2.0\""), version.getMessage());

        json.put("version", "1.3");
        CasJsonReader.read(json, "x", CasFixtures.emptyJCas());

        json.put("schema", "other");
        assertThrows(DocumentFormatException.class, () -> CasJsonReader.read(json, "x", CasFixtures.emptyJCas()));
    }

    @Test
    void rejectsSpansOutsideTheTextAndMismatchedEntityText() throws Exception {
        ObjectNode outside = FULL.toTree(CasFixtures.annotatedNote());
        ((ObjectNode) outside.at("/entities/2")).put("end", 1000);
        DocumentFormatException e = assertThrows(DocumentFormatException.class,
                () -> CasJsonReader.read(outside, "n", CasFixtures.emptyJCas()));
        assertEquals("n: /entities/2/end: offset 1000 outside the text (length " + CasFixtures.NOTE.length() + ")",
                e.getMessage());

        ObjectNode mismatch = FULL.toTree(CasFixtures.annotatedNote());
        ((ObjectNode) mismatch.at("/entities/0")).put("text", "secret words");
        DocumentFormatException m = assertThrows(DocumentFormatException.class,
                () -> CasJsonReader.read(mismatch, "n", CasFixtures.emptyJCas()));
        assertEquals("n: /entities/0/text: does not match the text at 8-16", m.getMessage());
    }

    @Test
    void rejectsBadFieldTypesWithTheirPath() throws Exception {
        ObjectNode json = FULL.toTree(CasFixtures.annotatedNote());
        ((ObjectNode) json.at("/entities/1/assertion")).put("polarity", "maybe");
        DocumentFormatException polarity = assertThrows(DocumentFormatException.class,
                () -> CasJsonReader.read(json, "n", CasFixtures.emptyJCas()));
        assertEquals("n: /entities/1/assertion/polarity: expected \"affirmed\" or \"negated\"", polarity.getMessage());

        ObjectNode score = FULL.toTree(CasFixtures.annotatedNote());
        ((ObjectNode) score.at("/entities/1/concepts/1")).put("score", "high");
        DocumentFormatException e = assertThrows(DocumentFormatException.class,
                () -> CasJsonReader.read(score, "n", CasFixtures.emptyJCas()));
        assertEquals("n: /entities/1/concepts/1/score: expected a number", e.getMessage());
    }

    @Test
    void malformedJsonMessageGivesTheLocationButNoText() {
        String json = "{\"schema\": \"cnlp-annotations\", \"text\": \"patient John Smith\" , oops}";
        DocumentFormatException e = assertThrows(DocumentFormatException.class,
                () -> CasJsonReader.read(json, "in.json", CasFixtures.emptyJCas()));

        assertTrue(e.getMessage().startsWith("in.json: malformed JSON at line 1, column "), e.getMessage());
        assertFalse(e.getMessage().contains("Smith"));
        assertFalse(e.getMessage().contains("oops"));
    }
}
