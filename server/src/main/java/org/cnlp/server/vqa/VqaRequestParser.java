package org.cnlp.server.vqa;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.cnlp.server.annotate.RequestParser;
import org.cnlp.server.internal.JsonSupport;
import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemType;

/**
 * Turns {@code POST /vqa} bodies into {@link VqaRequest}s, or 400 problems that say what is wrong
 * without quoting the questions. Two forms:
 * <ul>
 *   <li>{@code multipart/form-data}: one {@code image} part (the file) and one or more {@code question} parts;</li>
 *   <li>{@code application/json}: {@code {"image": "<base64>", "questions": ["...", ...]}} or with
 *       {@code "question": "..."}; the base64 may be wrapped over lines or be a {@code data:} URL.</li>
 * </ul>
 * At most {@value #MAX_QUESTIONS} questions of at most {@value #MAX_QUESTION_CHARS} characters.
 * The image is decoded later, by the {@link VqaService}. Stateless and thread-safe.
 */
public final class VqaRequestParser {

    /** Most questions one request may ask (413 beyond). */
    public static final int MAX_QUESTIONS = 32;
    /** Longest question, in characters (400 beyond; the question encoder reads 40 tokens). */
    public static final int MAX_QUESTION_CHARS = 1000;

    static final List<String> JSON_FIELDS = List.of("image", "questions", "question");
    static final List<String> PARTS = List.of("image", "question");
    private static final String DEFAULT_IMAGE_NAME = "image";
    private static final Pattern DATA_URL = Pattern.compile("^data:[^,;]*(;[^,;]*)*;base64,", Pattern.CASE_INSENSITIVE);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private VqaRequestParser() {
    }

    /**
     * A {@code multipart/form-data} body.
     *
     * @param boundary the Content-Type's {@code boundary} parameter, or null
     */
    public static VqaRequest parseMultipart(byte[] body, String boundary) throws ProblemException {
        List<MultipartForm.Part> parts = MultipartForm.parse(body, MultipartForm.boundary(boundary));
        MultipartForm.Part image = null;
        List<String> questions = new ArrayList<>();
        for (MultipartForm.Part part : parts) {
            switch (part.name()) {
                case "image" -> {
                    if (image != null) {
                        throw invalid("send one 'image' part; this body has more");
                    }
                    image = part;
                }
                case "question" -> questions.add(utf8(part.content(), "'question' part " + (questions.size() + 1)));
                default -> throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, "unknown part '"
                        + shorten(part.name()) + "'; accepted parts: " + String.join(", ", PARTS)).withValidValues(PARTS));
            }
        }
        if (image == null) {
            throw invalid("the 'image' part is required: the image file (JPEG or PNG)");
        }
        return new VqaRequest(image.content(), image.filename().orElse(DEFAULT_IMAGE_NAME),
                questions(questions, "'question' part"));
    }

    /** An {@code application/json} body. */
    public static VqaRequest parseJson(byte[] body) throws ProblemException {
        JsonNode root;
        try {
            root = JsonSupport.TREE_READER.readTree(utf8(body, "the body"));
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, RequestParser.malformed(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "the body holds no JSON value");
        }
        if (!root.isObject()) {
            throw invalid("expected a JSON object {\"image\", \"questions\"}, got " + kind(root));
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!JSON_FIELDS.contains(field.getKey())) {
                throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, "/" + shorten(field.getKey())
                        + ": unknown field; accepted fields: " + String.join(", ", JSON_FIELDS)).withValidValues(JSON_FIELDS));
            }
        }
        JsonNode image = root.get("image");
        if (image == null || image.isNull()) {
            throw invalid("/image: required: the image file (JPEG or PNG) in base64");
        }
        if (!image.isTextual()) {
            throw invalid("/image: expected a base64 string, got " + kind(image));
        }
        return new VqaRequest(base64(image.textValue()), DEFAULT_IMAGE_NAME, questions(jsonQuestions(root), "/questions/"));
    }

    private static List<String> jsonQuestions(JsonNode root) throws ProblemException {
        JsonNode many = root.get("questions");
        JsonNode one = root.get("question");
        if (many != null && one != null) {
            throw invalid("send either 'question' or 'questions', not both");
        }
        if (one != null) {
            if (!one.isTextual()) {
                throw invalid("/question: expected a string, got " + kind(one));
            }
            return List.of(one.textValue());
        }
        if (many == null || many.isNull()) {
            return List.of();
        }
        if (!many.isArray()) {
            throw invalid("/questions: expected an array of strings, got " + kind(many));
        }
        List<String> questions = new ArrayList<>();
        for (JsonNode question : many) {
            if (!question.isTextual()) {
                throw invalid("/questions/" + questions.size() + ": expected a string, got " + kind(question));
            }
            questions.add(question.textValue());
        }
        return questions;
    }

    /** Checks count, blankness and length; numbers questions from 1 (multipart) or 0 (JSON pointer) in messages. */
    private static List<String> questions(List<String> questions, String what) throws ProblemException {
        if (questions.isEmpty()) {
            throw invalid("at least one question is required ('question' or 'questions')");
        }
        if (questions.size() > MAX_QUESTIONS) {
            throw new ProblemException(ProblemType.TOO_LARGE, "the request has " + questions.size() + " questions; the limit is "
                    + MAX_QUESTIONS);
        }
        boolean pointer = what.startsWith("/");
        List<String> stripped = new ArrayList<>(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            String name = pointer ? what + i : what + " " + (i + 1);
            String question = questions.get(i).strip();
            if (question.isEmpty()) {
                throw new ProblemException(ProblemType.EMPTY_TEXT, name + ": the question is empty or only whitespace");
            }
            if (question.length() > MAX_QUESTION_CHARS) {
                throw invalid(name + ": the question has " + question.length() + " characters; the limit is "
                        + MAX_QUESTION_CHARS);
            }
            if (question.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
                throw invalid(name + ": the question contains control characters or line breaks");
            }
            stripped.add(question);
        }
        return stripped;
    }

    /** Standard base64, whitespace ignored, an optional {@code data:...;base64,} prefix. */
    static byte[] base64(String value) throws ProblemException {
        String data = DATA_URL.matcher(value.strip()).replaceFirst("");
        try {
            return Base64.getDecoder().decode(WHITESPACE.matcher(data).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw invalid("/image: not valid base64 (" + e.getMessage() + "); send the file's bytes in standard base64");
        }
    }

    private static String utf8(byte[] bytes, String what) throws ProblemException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(ProblemType.INVALID_UTF8, what + " is not valid UTF-8");
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail);
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String shorten(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "...";
    }
}
