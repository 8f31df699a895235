package org.cnlp.server.vqa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemType;
import org.junit.jupiter.api.Test;

class VqaRequestParserTest {

    private static final String BOUNDARY = "----cnlpBoundary7MA4YWxk";
    private static final byte[] IMAGE = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, '\r', '\n', '-', '-', 1, 2};

    /** A multipart body as browsers and curl send it: parts of name, optional file name, bytes. */
    private static byte[] multipart(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i += 3) {
            String name = (String) parts[i];
            String filename = (String) parts[i + 1];
            byte[] content = parts[i + 2] instanceof byte[] bytes ? bytes
                    : ((String) parts[i + 2]).getBytes(StandardCharsets.UTF_8);
            String headers = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                    + (filename == null ? "" : "; filename=\"" + filename + "\"\r\nContent-Type: image/jpeg") + "\r\n\r\n";
            out.writeBytes(headers.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static Problem problem(ProblemType type, org.junit.jupiter.api.function.Executable call) {
        Problem problem = assertThrows(ProblemException.class, call).problem();
        assertEquals(type, problem.type(), problem.detail());
        return problem;
    }

    @Test
    void multipartGivesTheImageBytesAndEveryQuestionInOrder() throws Exception {
        VqaRequest request = VqaRequestParser.parseMultipart(multipart("question", null, " Is there a fracture? ",
                "image", "chest x-ray.jpg", IMAGE, "question", null, "Which organ is shown?"), BOUNDARY);
        assertArrayEquals(IMAGE, request.image(), "binary content with CRLF and dashes survives");
        assertEquals("chest x-ray.jpg", request.imageName());
        assertEquals(List.of("Is there a fracture?", "Which organ is shown?"), request.questions());
    }

    @Test
    void multipartStructureErrorsAre400() {
        byte[] body = multipart("image", "a.jpg", IMAGE, "question", null, "Is it normal?");
        problem(ProblemType.INVALID_REQUEST, () -> VqaRequestParser.parseMultipart(body, null));
        problem(ProblemType.INVALID_REQUEST, () -> VqaRequestParser.parseMultipart(body, "other-boundary"));
        byte[] cut = java.util.Arrays.copyOf(body, body.length - BOUNDARY.length() - 8);
        assertTrue(problem(ProblemType.INVALID_REQUEST, () -> VqaRequestParser.parseMultipart(cut, BOUNDARY)).detail()
                .contains("closing boundary"));
        byte[] noName = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + BOUNDARY + "--")
                .getBytes(StandardCharsets.US_ASCII);
        assertTrue(problem(ProblemType.INVALID_REQUEST, () -> VqaRequestParser.parseMultipart(noName, BOUNDARY)).detail()
                .contains("has no name"));
        byte[] preamble = ("ignored preamble\r\n" + new String(body, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of("Is it normal?"), assertDoesNotFail(preamble).questions());
    }

    private static VqaRequest assertDoesNotFail(byte[] body) {
        try {
            return VqaRequestParser.parseMultipart(body, BOUNDARY);
        } catch (ProblemException e) {
            throw new AssertionError(e.problem().detail(), e);
        }
    }

    @Test
    void multipartFieldErrorsNameThePart() {
        Problem unknown = problem(ProblemType.INVALID_REQUEST, () -> VqaRequestParser.parseMultipart(
                multipart("image", "a.jpg", IMAGE, "questions", null, "Is it normal?"), BOUNDARY));
        assertEquals(List.of("image", "question"), unknown.validValues());
        assertTrue(problem(ProblemType.INVALID_REQUEST, () -> VqaRequestParser.parseMultipart(
                multipart("question", null, "Is it normal?"), BOUNDARY)).detail().contains("'image' part is required"));
        assertTrue(problem(ProblemType.INVALID_REQUEST, () -> VqaRequestParser.parseMultipart(
                multipart("image", "a.jpg", IMAGE), BOUNDARY)).detail().contains("at least one question"));
        problem(ProblemType.INVALID_REQUEST, () -> VqaRequestParser.parseMultipart(
                multipart("image", "a.jpg", IMAGE, "image", "b.jpg", IMAGE, "question", null, "Is it?"), BOUNDARY));
        assertEquals("'question' part 2: the question is empty or only whitespace", problem(ProblemType.EMPTY_TEXT,
                () -> VqaRequestParser.parseMultipart(multipart("image", "a.jpg", IMAGE, "question", null, "Is it?",
                        "question", null, " \t "), BOUNDARY)).detail());
        problem(ProblemType.INVALID_UTF8, () -> VqaRequestParser.parseMultipart(
                multipart("image", "a.jpg", IMAGE, "question", null, new byte[] {'I', 's', (byte) 0xe9, '?'}), BOUNDARY));
    }

    /** JSON written with single quotes, for readability. */
    private static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static Problem jsonProblem(ProblemType type, String singleQuoted) {
        return problem(type, () -> VqaRequestParser.parseJson(json(singleQuoted)));
    }

    @Test
    void jsonTakesBase64AndOneOrManyQuestions() throws Exception {
        String base64 = Base64.getEncoder().encodeToString(IMAGE);
        VqaRequest many = VqaRequestParser.parseJson(
                json("{'image': '" + base64 + "', 'questions': ['Is it normal?', 'Where?']}"));
        assertArrayEquals(IMAGE, many.image());
        assertEquals("image", many.imageName());
        assertEquals(List.of("Is it normal?", "Where?"), many.questions());

        String wrapped = Base64.getMimeEncoder(4, new byte[] {'\n'}).encodeToString(IMAGE).replace("\n", "\\n");
        VqaRequest one = VqaRequestParser.parseJson(json("{'question': 'Is it normal?', 'image': 'data:image/jpeg;base64,"
                + wrapped + "'}"));
        assertArrayEquals(IMAGE, one.image());
        assertEquals(List.of("Is it normal?"), one.questions());
    }

    @Test
    void jsonErrorsAre400WithWhatIsWrong() {
        jsonProblem(ProblemType.MALFORMED_JSON, "{'image': ");
        jsonProblem(ProblemType.MALFORMED_JSON, "");
        jsonProblem(ProblemType.INVALID_REQUEST, "[]");
        assertTrue(jsonProblem(ProblemType.INVALID_REQUEST, "{'questions': ['Is it?']}").detail().startsWith("/image: required"));
        assertTrue(jsonProblem(ProblemType.INVALID_REQUEST, "{'image': 'AAAA'}").detail().contains("at least one question"));
        assertTrue(jsonProblem(ProblemType.INVALID_REQUEST, "{'image': 'not base64!', 'question': 'Is it?'}").detail()
                .startsWith("/image: not valid base64"));
        Problem unknown = jsonProblem(ProblemType.INVALID_REQUEST, "{'image': 'AAAA', 'question': 'Is it?', 'pipeline': 'vqa'}");
        assertEquals(List.of("image", "questions", "question"), unknown.validValues());
        jsonProblem(ProblemType.INVALID_REQUEST, "{'image': 'AAAA', 'question': 'Is it?', 'questions': ['Where?']}");
        jsonProblem(ProblemType.INVALID_REQUEST, "{'image': 'AAAA', 'questions': ['Is it?', 3]}");
        jsonProblem(ProblemType.INVALID_REQUEST, "{'image': 12, 'question': 'Is it?'}");
        assertEquals("/questions/1: the question is empty or only whitespace",
                jsonProblem(ProblemType.EMPTY_TEXT, "{'image': 'AAAA', 'questions': ['Is it?', ' ']}").detail());
        jsonProblem(ProblemType.INVALID_REQUEST, "{'image': 'AAAA', 'question': 'Is it\\nnormal?'}");
        byte[] latin1 = {'{', '"', 'q', (byte) 0xe9, '"', ':', '1', '}'};
        problem(ProblemType.INVALID_UTF8, () -> VqaRequestParser.parseJson(latin1));
    }

    @Test
    void tooManyOrTooLongQuestionsAreRefused() {
        String questions = String.join(",", Collections.nCopies(VqaRequestParser.MAX_QUESTIONS + 1, "'Is it?'"));
        jsonProblem(ProblemType.TOO_LARGE, "{'image': 'AAAA', 'questions': [" + questions + "]}");
        String tooLong = "a".repeat(VqaRequestParser.MAX_QUESTION_CHARS + 1);
        jsonProblem(ProblemType.INVALID_REQUEST, "{'image': 'AAAA', 'question': '" + tooLong + "'}");
    }
}
