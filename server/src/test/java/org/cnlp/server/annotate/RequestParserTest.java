package org.cnlp.server.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.cnlp.pipeline.io.json.CasJsonWriter.Include;
import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemType;
import org.junit.jupiter.api.Test;

class RequestParserTest {

    private static final String SECRET = "Zebulon Quartermaine has pancreatic cancer";

    private final RequestParser parser = new RequestParser(new RequestLimits(1000, 3, 20));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Problem problemOf(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(ProblemException.class, call).problem();
    }

    @Test
    void readsAJsonRequestWithAllFields() throws Exception {
        AnnotateRequest request = parser.parseJson(utf8("""
                {"id": "n1", "text": "Denies chest pain.", "pipeline": "dictionary", "model": "student",
                 "include": ["text", "TOKENS"]}"""), "req-1");
        assertEquals(new DocumentInput("n1", "Denies chest pain."), request.document());
        assertEquals(new Selection(Optional.of("dictionary"), Optional.of("student")), request.selection());
        assertEquals(Set.of(Include.TEXT, Include.TOKENS), request.include());
    }

    @Test
    void defaultsIdSelectionAndIncludes() throws Exception {
        AnnotateRequest request = parser.parseJson(utf8("{\"text\": \"x\", \"pipeline\": null}"), "req-1");
        assertEquals("req-1", request.document().id());
        assertEquals(Selection.DEFAULT, request.selection());
        assertTrue(request.include().isEmpty());
    }

    @Test
    void readsPlainTextWithQueryOptions() throws Exception {
        AnnotateRequest request = parser.parseText(utf8("\uFEFFNo fever."), "req-2", new RequestParser.TextOptions(
                Optional.of("a"), Optional.empty(), Optional.empty(), List.of("sentences,text", "TOKENS")));
        assertEquals("No fever.", request.document().text());
        assertEquals("a", request.document().id());
        assertEquals(Set.of(Include.SENTENCES, Include.TEXT, Include.TOKENS), request.include());
    }

    @Test
    void emptyOrBlankTextIsEmptyText() {
        assertEquals(ProblemType.EMPTY_TEXT, problemOf(() -> parser.parseText(new byte[0], "r", noOptions())).type());
        assertEquals(ProblemType.EMPTY_TEXT, problemOf(() -> parser.parseText(utf8(" \n\t "), "r", noOptions())).type());
        assertEquals(ProblemType.EMPTY_TEXT, problemOf(() -> parser.parseJson(utf8("{\"text\": \"  \"}"), "r")).type());
        assertEquals(ProblemType.EMPTY_TEXT, problemOf(() -> parser.parseJson(new byte[0], "r")).type());
    }

    @Test
    void invalidUtf8AndBinaryAreRefusedWithoutQuotingTheText() {
        byte[] latin1 = (SECRET + " caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        Problem notUtf8 = problemOf(() -> parser.parseText(latin1, "r", noOptions()));
        assertEquals(ProblemType.INVALID_UTF8, notUtf8.type());
        assertFalse(notUtf8.detail().contains("Zebulon"), notUtf8.detail());
        assertEquals(ProblemType.INVALID_UTF8, problemOf(() -> parser.parseJson(latin1, "r")).type());
        assertEquals(ProblemType.BINARY_CONTENT, problemOf(() -> parser.parseText(new byte[] {'a', 0, 'b'}, "r", noOptions())).type());
        assertEquals(ProblemType.BINARY_CONTENT, problemOf(() -> parser.parseJson(utf8("{\"text\": \"a\\u0000b\"}"), "r")).type());
    }

    @Test
    void malformedJsonNamesTheLocationNeverTheContent() {
        Problem truncated = problemOf(() -> parser.parseJson(utf8("{\"text\": \"" + SECRET), "r"));
        assertEquals(ProblemType.MALFORMED_JSON, truncated.type());
        assertTrue(truncated.detail().contains("line 1"), truncated.detail());
        Problem garbage = problemOf(() -> parser.parseJson(utf8("{\"text\": " + SECRET + "}"), "r"));
        assertEquals(ProblemType.MALFORMED_JSON, garbage.type());
        assertFalse(garbage.detail().contains("Zebulon"), garbage.detail());
        assertEquals(ProblemType.MALFORMED_JSON, problemOf(() -> parser.parseJson(utf8("{\"text\": \"a\", \"text\": \"b\"}"), "r")).type());
        assertEquals(ProblemType.MALFORMED_JSON, problemOf(() -> parser.parseJson(utf8("{\"text\": \"a\"} {}"), "r")).type());
    }

    @Test
    void wrongShapesAndFieldsAreInvalidRequests() {
        assertEquals(ProblemType.INVALID_REQUEST, problemOf(() -> parser.parseJson(utf8("[1]"), "r")).type());
        assertEquals(ProblemType.INVALID_REQUEST, problemOf(() -> parser.parseJson(utf8("{\"id\": \"x\"}"), "r")).type());
        assertEquals(ProblemType.INVALID_REQUEST, problemOf(() -> parser.parseJson(utf8("{\"text\": 3}"), "r")).type());
        assertEquals(ProblemType.INVALID_REQUEST, problemOf(() -> parser.parseJson(utf8("{\"text\": \"a\", \"pipeline\": \" \"}"), "r")).type());
        assertEquals(ProblemType.INVALID_REQUEST, problemOf(() -> parser.parseJson(utf8("{\"text\": \"a\", \"id\": \"\"}"), "r")).type());
        assertEquals(ProblemType.INVALID_REQUEST,
                problemOf(() -> parser.parseJson(utf8("{\"text\": \"a\", \"id\": \"123456789012345678901\"}"), "r")).type());
        Problem unknown = problemOf(() -> parser.parseJson(utf8("{\"text\": \"a\", \"pipline\": \"x\"}"), "r"));
        assertEquals(ProblemType.INVALID_REQUEST, unknown.type());
        assertEquals(RequestParser.SINGLE_FIELDS, unknown.validValues());
        Problem include = problemOf(() -> parser.parseJson(utf8("{\"text\": \"a\", \"include\": [\"TEXT\", \"PARAGRAPHS\"]}"), "r"));
        assertEquals(List.of("TEXT", "SENTENCES", "TOKENS"), include.validValues());
        assertEquals(ProblemType.INVALID_REQUEST, problemOf(() -> parser.parseJson(utf8("{\"text\": \"a\", \"include\": \"TEXT\"}"), "r")).type());
    }

    @Test
    void bodiesOverTheLimitAreTooLargeWhetherDeclaredOrNot() throws Exception {
        byte[] big = new byte[1001];
        assertEquals(ProblemType.TOO_LARGE, problemOf(() -> parser.readBody(new ByteArrayInputStream(new byte[0]), 5000)).type());
        assertEquals(ProblemType.TOO_LARGE, problemOf(() -> parser.readBody(new ByteArrayInputStream(big), -1)).type());
        assertEquals(1000, parser.readBody(new ByteArrayInputStream(new byte[1000]), -1).length);
        assertEquals(ProblemType.TOO_LARGE, problemOf(() -> parser.parseText(big, "r", noOptions())).type());
    }

    @Test
    void aBatchKeepsOrderDefaultsIdsAndRejectsBadDocumentsOnTheirOwn() throws Exception {
        BatchRequest batch = parser.parseBatch(utf8("""
                {"documents": [{"id": "a", "text": "One."}, {"text": "  "}, {"text": "Three."}],
                 "pipeline": "dictionary", "include": ["SENTENCES"]}"""), "req");
        assertEquals(List.of("a", "req#2", "req#3"), batch.entries().stream().map(BatchEntry::id).toList());
        assertInstanceOf(BatchEntry.Ready.class, batch.entries().getFirst());
        BatchEntry.Rejected rejected = assertInstanceOf(BatchEntry.Rejected.class, batch.entries().get(1));
        assertEquals(ProblemType.EMPTY_TEXT, rejected.problem().type());
        assertEquals("Three.", ((BatchEntry.Ready) batch.entries().get(2)).document().text());
        assertEquals(Set.of(Include.SENTENCES), batch.include());
        assertEquals(Optional.of("dictionary"), batch.selection().pipeline());
        BatchRequest missingText = parser.parseBatch(utf8("{\"documents\": [{\"id\": \"x\"}]}"), "req");
        assertEquals(ProblemType.INVALID_REQUEST, ((BatchEntry.Rejected) missingText.entries().getFirst()).problem().type());
    }

    @Test
    void aBatchWithoutDocumentsTooManyOrDuplicateIdsFailsAsAWhole() {
        assertEquals(ProblemType.INVALID_REQUEST, problemOf(() -> parser.parseBatch(utf8("{\"text\": \"a\"}"), "r")).type());
        assertEquals(ProblemType.EMPTY_TEXT, problemOf(() -> parser.parseBatch(utf8("{\"documents\": []}"), "r")).type());
        assertEquals(ProblemType.TOO_LARGE, problemOf(() -> parser.parseBatch(utf8(
                "{\"documents\": [{\"text\": \"a\"}, {\"text\": \"b\"}, {\"text\": \"c\"}, {\"text\": \"d\"}]}"), "r")).type());
        assertEquals(ProblemType.INVALID_REQUEST, problemOf(() -> parser.parseBatch(utf8(
                "{\"documents\": [{\"id\": \"a\", \"text\": \"a\"}, {\"id\": \"a\", \"text\": \"b\"}]}"), "r")).type());
        assertEquals(ProblemType.INVALID_REQUEST, problemOf(() -> parser.parseBatch(utf8("{\"documents\": [\"a\"]}"), "r")).type());
        assertEquals(ProblemType.INVALID_REQUEST, problemOf(() -> parser.parseBatch(utf8(
                "{\"documents\": [{\"text\": \"a\", \"metadata\": {}}]}"), "r")).type());
    }

    private static RequestParser.TextOptions noOptions() {
        return new RequestParser.TextOptions(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }
}
