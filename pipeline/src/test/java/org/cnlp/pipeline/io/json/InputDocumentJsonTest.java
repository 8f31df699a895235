package org.cnlp.pipeline.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cnlp.pipeline.io.DocumentFormatException;
import org.cnlp.pipeline.io.InputDocument;
import org.junit.jupiter.api.Test;

class InputDocumentJsonTest {

    @Test
    void parsesOneDocumentWithMetadata() throws Exception {
        String json = """
                {"id": "n1", "text": "No chest pain.", "metadata": {"site": "A", "year": 2024, "final": true}}
                """;
        List<InputDocument> documents = InputDocumentJson.parse(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "file");

        assertEquals(List.of(new InputDocument("n1", "No chest pain.", Map.of("site", "A", "year", "2024", "final", "true"))),
                documents);
        assertEquals(List.of("site", "year", "final"), List.copyOf(documents.get(0).metadata().keySet()));
    }

    @Test
    void parsesAnArrayAndNumbersMissingIds() throws Exception {
        String json = """
                [{"id": "a", "text": "one"}, {"text": "two"}, {"text": "", "ignored": [1]}]
                """;
        List<InputDocument> documents = InputDocumentJson.parse(json, "batch");

        assertEquals(List.of("a", "batch#2", "batch#3"), documents.stream().map(InputDocument::id).toList());
        assertEquals("", documents.get(2).text());
        assertEquals(Map.of(), documents.get(1).metadata());
        assertEquals("batch", InputDocumentJson.parse("{\"text\": \"x\"}", "batch").get(0).id());
    }

    @Test
    void errorsNameThePathAndNeverTheText() {
        assertError("[{\"text\": \"fine\"}, {\"id\": \"b\"}]", "f.json: /1/text: missing string");
        assertError("{\"id\": \"b\", \"text\": 42}", "f.json: /text: expected a string");
        assertError("{\"text\": \"x\", \"metadata\": {\"nested\": {\"a\": 1}}}", "f.json: /metadata/nested: expected a string, number or boolean");
        assertError("{\"text\": \"x\", \"metadata\": [1]}", "f.json: /metadata: expected an object");
        assertError("[{\"id\": \"a\", \"text\": \"x\"}, {\"id\": \"a\", \"text\": \"y\"}]", "f.json: /1/id: duplicate document id a");
        assertError("\"just a string\"", "f.json: expected a document object or an array of them");
        assertError("[1]", "f.json: /0: expected an object");
        assertError("", "f.json: empty input, expected a JSON value");
    }

    @Test
    void trailingValuesAndDuplicateKeysAreMalformed() {
        for (String json : List.of("{\"id\": \"a\", \"text\": \"x\"} {\"id\": \"b\"}",
                "{\"id\": \"a\", \"id\": \"b\", \"text\": \"x\"}")) {
            DocumentFormatException e = assertThrows(DocumentFormatException.class, () -> InputDocumentJson.parse(json, "f.json"));
            assertTrue(e.getMessage().startsWith("f.json: malformed JSON at line 1, column "), e.getMessage());
        }
    }

    @Test
    void truncatedInputIsReportedWithoutItsText() {
        DocumentFormatException e = assertThrows(DocumentFormatException.class,
                () -> InputDocumentJson.parse("{\"id\": \"a\",\n \"text\": \"Mr Jones has HIV", "f.json"));

        assertTrue(e.getMessage().startsWith("f.json: unexpected end of input at line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("Jones"));
        assertEquals(null, e.getCause(), "the parser exception, which may quote the text, is not attached");
    }

    private static void assertError(String json, String message) {
        DocumentFormatException e = assertThrows(DocumentFormatException.class, () -> InputDocumentJson.parse(json, "f.json"));
        assertEquals(message, e.getMessage());
    }
}
