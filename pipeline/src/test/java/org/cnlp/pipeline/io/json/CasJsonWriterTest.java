package org.cnlp.pipeline.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.io.CasFixtures;
import org.cnlp.pipeline.io.json.CasJsonWriter.Include;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CasJsonWriterTest {

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = CasJsonWriter.class.getResourceAsStream(CasJsonWriter.SCHEMA_RESOURCE)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new ObjectMapper().readTree(in));
        }
    }

    @Test
    void writesEveryPartOfTheSchema() throws Exception {
        JCas jcas = CasFixtures.annotatedNote();
        ObjectNode json = new CasJsonWriter(EnumSet.allOf(Include.class)).toTree(jcas);

        assertEquals("cnlp-annotations", json.get("schema").asText());
        assertEquals("1.0", json.get("version").asText());
        assertEquals("note-1", json.at("/document/id").asText());
        assertEquals("text", json.at("/document/format").asText());
        assertTrue(json.at("/document/titleEnd").isMissingNode());
        assertEquals(CasFixtures.NOTE.length(), json.get("textLength").asInt());
        assertEquals(CasFixtures.NOTE, json.get("text").asText());
        assertEquals("assessment_plan", json.at("/sections/1/name").asText());
        assertEquals(5, json.at("/sections/1/headerEnd").asInt() - json.at("/sections/1/headerBegin").asInt());
        assertEquals(3, json.get("sentences").size());
        assertEquals("diabetes", json.at("/tokens/1/norm").asText());

        JsonNode diabetes = json.at("/entities/0");
        assertEquals("diabetes", diabetes.get("text").asText());
        assertEquals(8, diabetes.get("begin").asInt());
        assertEquals("Disease", diabetes.get("type").asText());
        assertEquals(0.93, diabetes.get("confidence").asDouble());
        assertEquals("negated", diabetes.at("/assertion/polarity").asText());
        assertEquals("DOID:9351", diabetes.at("/concepts/0/id").asText());
        assertEquals("MESH:D003920", diabetes.at("/concepts/0/xrefs/0").asText());

        JsonNode cancer = json.at("/entities/1");
        assertEquals("affirmed", cancer.at("/assertion/polarity").asText());
        assertTrue(cancer.at("/assertion/historical").asBoolean());
        assertEquals("family_member", cancer.at("/assertion/subject").asText());
        assertEquals(2, cancer.get("concepts").size());
        assertEquals(0, cancer.at("/concepts/1/xrefs").size());

        JsonNode metformin = json.at("/entities/2");
        assertEquals("affirmed", metformin.at("/assertion/polarity").asText(), "unset polarity (0) is affirmed");
        assertTrue(metformin.at("/assertion/uncertain").asBoolean());
        assertTrue(metformin.at("/assertion/conditional").asBoolean());
        assertTrue(metformin.at("/assertion/subject").isMissingNode(), "unset subject is left out");
        assertEquals(0, metformin.get("concepts").size());
    }

    @Test
    void optionalPartsAreLeftOutUnlessIncluded() throws Exception {
        ObjectNode json = new CasJsonWriter(Set.of()).toTree(CasFixtures.annotatedNote());

        assertFalse(json.has("text"));
        assertFalse(json.has("sentences"));
        assertFalse(json.has("tokens"));
        assertEquals(3, json.get("entities").size());
        assertEquals("diabetes", json.at("/entities/0/text").asText(), "entity text is always written");
    }

    @Test
    void outputValidatesAgainstTheJsonSchema() throws Exception {
        JCas bare = CasFixtures.emptyJCas();
        bare.setDocumentText("");
        for (JCas jcas : List.of(CasFixtures.annotatedNote(), bare)) {
            for (Set<Include> include : List.of(EnumSet.allOf(Include.class), EnumSet.noneOf(Include.class))) {
                List<Error> errors = schema.validate(new CasJsonWriter(include).toTree(jcas));
                assertEquals(List.of(), errors);
            }
        }
    }

    @Test
    void schemaRejectsUnknownVersionsAndPolarities() throws Exception {
        ObjectNode json = new CasJsonWriter(Set.of()).toTree(CasFixtures.annotatedNote());
        ((ObjectNode) json.at("/entities/0/assertion")).put("polarity", "maybe");
        json.put("version", "2.0");

        assertEquals(2, schema.validate(json).size());
    }

    @Test
    void streamAndStringOutputsAreTheSameJson() throws Exception {
        JCas jcas = CasFixtures.annotatedNote();
        CasJsonWriter compact = CasJsonWriter.including(Include.TEXT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        compact.write(jcas, out);
        String streamed = out.toString(StandardCharsets.UTF_8);

        assertEquals(compact.toJson(jcas), streamed);
        assertFalse(streamed.contains("\n  "), "compact output is one line");
        assertTrue(new CasJsonWriter(Set.of(Include.TEXT), true).toJson(jcas).contains("\n  "));
        assertEquals(new ObjectMapper().readTree(streamed), compact.toTree(jcas));
    }
}
