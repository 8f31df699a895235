package org.cnlp.pipeline.io.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cnlp.pipeline.internal.Json;
import org.cnlp.pipeline.internal.JsonFields;
import org.cnlp.pipeline.io.DocumentFormatException;
import org.cnlp.pipeline.io.InputDocument;
import org.cnlp.pipeline.io.InputImage;
import org.cnlp.pipeline.vqa.VqaViews;

/**
 * Parses input documents given as JSON: one object
 * {@code {"id": "...", "text": "...", "metadata": {"k": "v"}}} or an array of such objects.
 *
 * <p>{@code text} is required. {@code id} is optional: a missing id becomes {@code defaultId}
 * for a single object and {@code defaultId#n} (n from 1) for the n-th element of an array; ids
 * must be unique within one input. {@code metadata} is optional; its values must be strings,
 * numbers or booleans (numbers and booleans are kept as their JSON text). Other top-level
 * fields are ignored. Errors name the JSON path, never the text. Stateless and thread-safe.
 *
 * <p>A document for visual question answering adds an image and its questions:
 * {@code {"id": "case1", "image": "<base64>", "imageName": "case1.jpg", "questions": ["Is there
 * an effusion?", {"id": "q2", "question": "What organ is shown?", "answerType": "OPEN"}]}}.
 * The image is either {@code image} (base64, standard or URL-safe alphabet, line breaks allowed,
 * an optional {@code data:image/...;base64,} prefix) or {@code imageFile} (a path relative to the
 * JSON file's folder, resolved by the file's reader; absolute paths and paths that climb out with
 * {@code ..} are refused here). {@code questions} is then required and not empty; a question is a
 * string or an object with {@code question} and optional {@code id} and {@code answerType}
 * ({@code CLOSED}/{@code OPEN}); line breaks in a question become spaces. {@code text} becomes
 * optional (empty when absent). Questions without an image are an error.
 */
public final class InputDocumentJson {

    private InputDocumentJson() {
    }

    /**
     * Parses the documents in {@code in} (not closed).
     *
     * @param defaultId id for documents without one, usually derived from the file name
     */
    public static List<InputDocument> parse(InputStream in, String defaultId) throws IOException, DocumentFormatException {
        return parse(Json.parse(in, defaultId), defaultId);
    }

    /** Parses the documents in {@code json}; see {@link #parse(InputStream, String)}. */
    public static List<InputDocument> parse(String json, String defaultId) throws DocumentFormatException {
        return parse(Json.parse(json, defaultId), defaultId);
    }

    /** Converts an already parsed JSON value; see {@link #parse(InputStream, String)}. */
    public static List<InputDocument> parse(JsonNode json, String defaultId) throws DocumentFormatException {
        if (defaultId == null || defaultId.isBlank()) {
            throw new IllegalArgumentException("blank default id");
        }
        if (json.isObject()) {
            return List.of(document(JsonFields.of(defaultId, "", json), defaultId));
        }
        if (!json.isArray()) {
            throw new DocumentFormatException(defaultId + ": expected a document object or an array of them");
        }
        List<InputDocument> documents = new ArrayList<>(json.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < json.size(); i++) {
            InputDocument document = document(JsonFields.of(defaultId, "/" + i, json.get(i)), defaultId + "#" + (i + 1));
            if (!ids.add(document.id())) {
                throw new DocumentFormatException(defaultId + ": /" + i + "/id: duplicate document id " + document.id());
            }
            documents.add(document);
        }
        return List.copyOf(documents);
    }

    private static InputDocument document(JsonFields node, String fallbackId) throws DocumentFormatException {
        String id = node.optionalString("id").orElse(fallbackId);
        if (id.isBlank()) {
            throw node.error("id", "blank id");
        }
        InputImage image = image(node);
        String text = image == null ? node.requiredString("text") : node.optionalString("text").orElse("");
        Map<String, String> metadata = new LinkedHashMap<>();
        if (node.has("metadata")) {
            JsonFields fields = node.object("metadata");
            for (Map.Entry<String, JsonNode> entry : fields.node().properties()) {
                JsonNode value = entry.getValue();
                if (!value.isValueNode() || value.isNull()) {
                    throw fields.error(entry.getKey(), "expected a string, number or boolean");
                }
                metadata.put(entry.getKey(), value.asText());
            }
        }
        return new InputDocument(id, text, metadata, image);
    }

    private static InputImage image(JsonFields node) throws DocumentFormatException {
        boolean inline = node.has("image");
        boolean file = node.has("imageFile");
        if (!inline && !file) {
            for (String field : List.of("questions", "imageName")) {
                if (node.has(field)) {
                    throw node.error(field, "needs an image: give \"image\" (base64) or \"imageFile\"");
                }
            }
            return null;
        }
        if (inline && file) {
            throw node.error("imageFile", "give the image either inline (\"image\") or as a file (\"imageFile\"), not both");
        }
        String name = node.optionalString("imageName").orElse(null);
        if (name != null && name.isBlank()) {
            throw node.error("imageName", "blank image name");
        }
        List<VqaViews.Question> questions = questions(node);
        return inline ? InputImage.inline(base64(node), name, questions) : InputImage.file(relativePath(node), name, questions);
    }

    private static byte[] base64(JsonFields node) throws DocumentFormatException {
        String value = node.requiredString("image");
        int start = 0;
        if (value.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = value.indexOf(',');
            if (comma < 0 || !value.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw node.error("image", "a data URL must be base64 (data:<type>;base64,...)");
            }
            start = comma + 1;
        }
        StringBuilder compact = new StringBuilder(value.length() - start);
        boolean urlSafe = false;
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isWhitespace(c)) {
                compact.append(c);
                urlSafe |= c == '-' || c == '_';
            }
        }
        byte[] bytes;
        try {
            bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(compact.toString());
        } catch (IllegalArgumentException e) {
            throw node.error("image", "not valid base64 (" + e.getMessage() + ")");
        }
        if (bytes.length == 0) {
            throw node.error("image", "empty image");
        }
        return bytes;
    }

    private static String relativePath(JsonFields node) throws DocumentFormatException {
        String value = node.requiredString("imageFile");
        if (value.isBlank()) {
            throw node.error("imageFile", "blank path");
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw node.error("imageFile", "not a valid path");
        }
        if (path.isAbsolute() || value.startsWith("/") || value.startsWith("\\") || path.getRoot() != null) {
            throw node.error("imageFile", "must be a path relative to the JSON file's folder");
        }
        Path normal = path.normalize();
        if (normal.toString().isEmpty() || normal.startsWith("..")) {
            throw node.error("imageFile", "must stay inside the JSON file's folder");
        }
        return value;
    }

    private static List<VqaViews.Question> questions(JsonFields node) throws DocumentFormatException {
        JsonNode array = node.requiredArray("questions");
        if (array.isEmpty()) {
            throw node.error("questions", "empty; an image needs at least one question");
        }
        List<VqaViews.Question> questions = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (item.isTextual()) {
                questions.add(new VqaViews.Question(questionText(node, "questions/" + i, item.textValue()), null, null));
                continue;
            }
            if (!item.isObject()) {
                throw node.error("questions/" + i, "expected a question string or an object with \"question\"");
            }
            JsonFields question = node.element("questions", array, i);
            String text = questionText(question, "question", question.requiredString("question"));
            String id = question.optionalString("id").orElse(null);
            if (id != null && id.isBlank()) {
                throw question.error("id", "blank question id");
            }
            String answerType = question.optionalString("answerType").map(t -> t.toUpperCase(Locale.ROOT)).orElse(null);
            if (answerType != null && !answerType.equals(VqaViews.CLOSED) && !answerType.equals(VqaViews.OPEN)) {
                throw question.error("answerType", "expected CLOSED or OPEN");
            }
            questions.add(new VqaViews.Question(text, id, answerType));
        }
        return questions;
    }

    private static String questionText(JsonFields node, String field, String text) throws DocumentFormatException {
        String oneLine = text.replaceAll("[\\r\\n\\u2028\\u2029\\u0085]+", " ").strip();
        if (oneLine.isEmpty()) {
            throw node.error(field, "blank question");
        }
        return oneLine;
    }
}
