package org.cnlp.pipeline.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.input.ImageAttachment;
import org.cnlp.pipeline.input.SourceDocument;
import org.cnlp.pipeline.io.DocumentFormatException;
import org.cnlp.pipeline.vqa.FakeVqaAnnotator;
import org.cnlp.pipeline.vqa.VqaViews;
import org.cnlp.type.VqaAnswer;
import org.cnlp.type.VqaQuestion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CasJsonVqaTest {

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = CasJsonWriter.class.getResourceAsStream(CasJsonWriter.SCHEMA_RESOURCE)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new ObjectMapper().readTree(in));
        }
    }

    private static JCas answered() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        List<VqaViews.Question> questions = List.of(new VqaViews.Question("Is there an effusion?", "q1", null),
                new VqaViews.Question("What organ is shown?", null, VqaViews.OPEN));
        new SourceDocument("case1", "in/case1.json", "json", "CXR.", 0, Map.of(),
                new ImageAttachment(FakeVqaAnnotator.jpeg(), "case1.jpg", "image/jpeg", questions, null)).loadInto(jcas);
        AnalysisEngineFactory.createEngine(FakeVqaAnnotator.class).process(jcas);
        return jcas;
    }

    @Test
    void theVqaPartHasTheImageAndTheAnswersButNeverTheBytes() throws Exception {
        ObjectNode json = CasJsonWriter.including(CasJsonWriter.Include.TEXT).toTree(answered());

        assertEquals(List.of(), schema.validate(json));
        assertEquals(CasJsonWriter.VQA_VERSION, json.get("version").asText());
        assertEquals("case1", json.at("/document/id").asText());
        assertEquals("CXR.", json.get("text").asText());
        JsonNode vqa = json.get("vqa");
        assertEquals("case1.jpg", vqa.at("/image/id").asText());
        assertEquals(2, vqa.at("/image/width").asInt());
        assertEquals(1, vqa.at("/image/height").asInt());
        assertEquals("image/jpeg", vqa.at("/image/mimeType").asText());
        assertEquals(2, vqa.get("answers").size());
        JsonNode first = vqa.at("/answers/0");
        assertEquals("q1", first.get("questionId").asText());
        assertEquals("Is there an effusion?", first.get("question").asText());
        assertEquals("yes", first.get("answer").asText());
        assertEquals(0.75, first.get("confidence").asDouble());
        assertEquals(VqaViews.CLOSED, first.get("answerType").asText());
        assertEquals(FakeVqaAnnotator.MODEL_ID, first.get("modelId").asText());
        JsonNode second = vqa.at("/answers/1");
        assertFalse(second.has("questionId"));
        assertEquals("brain", second.get("answer").asText());
        assertEquals(VqaViews.OPEN, second.get("answerType").asText());
        assertFalse(json.toString().contains(Base64.getEncoder().encodeToString(FakeVqaAnnotator.jpeg())));
    }

    @Test
    void unansweredQuestionsAndFurtherAnswersAreWrittenToo() throws Exception {
        JCas jcas = JCasFactory.createText("", "en");
        VqaViews.addImage(jcas, new byte[] {1}, "img", null);
        List<VqaQuestion> questions = VqaViews.addQuestions(jcas, List.of(VqaViews.Question.of("Fracture?"),
                VqaViews.Question.of("Which side?")));
        JCas view = VqaViews.questionView(jcas).orElseThrow();
        for (String value : List.of("left", "right")) {
            VqaAnswer answer = new VqaAnswer(view);
            answer.setAnswer(value);
            answer.setConfidence(value.equals("left") ? 0.6 : 0.3);
            VqaViews.addAnswer(view, questions.get(1), answer);
        }
        ObjectNode json = CasJsonWriter.including().toTree(jcas);

        assertEquals(List.of(), schema.validate(json));
        assertFalse(json.at("/vqa/answers/0").has("answer"), "not answered yet");
        assertFalse(json.at("/vqa/answers/0").has("confidence"));
        assertEquals("left", json.at("/vqa/answers/1/answer").asText());
        assertEquals("right", json.at("/vqa/answers/1/alternatives/0/answer").asText());
        assertEquals(0, json.at("/vqa/image/width").asInt(), "not decoded");
    }

    @Test
    void textDocumentsStayVersion10WithoutAVqaPart() throws Exception {
        ObjectNode json = CasJsonWriter.including().toTree(JCasFactory.createText("Denies chest pain.", "en"));
        assertEquals(CasJsonWriter.VERSION, json.get("version").asText());
        assertFalse(json.has("vqa"));
    }

    @Test
    void writeReadWriteGivesTheSameJson() throws Exception {
        CasJsonWriter writer = CasJsonWriter.including(CasJsonWriter.Include.TEXT);
        String written = writer.toJson(answered());
        JCas copy = JCasFactory.createJCas();
        CasJsonReader.read(written, "case1.json", copy);
        assertEquals(written, writer.toJson(copy));
        assertTrue(VqaViews.imageBytes(copy).orElseThrow().length == 0, "the JSON does not hold the image");

        DocumentFormatException twice = assertThrows(DocumentFormatException.class,
                () -> CasJsonReader.read(written, "again", copy));
        assertTrue(twice.getMessage().contains("/vqa: the CAS already has an image or question view"), twice.getMessage());
    }
}
