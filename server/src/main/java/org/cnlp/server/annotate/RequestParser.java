package org.cnlp.server.annotate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import org.cnlp.pipeline.input.InputRejectedException;
import org.cnlp.pipeline.input.TextValidator;
import org.cnlp.pipeline.io.json.CasJsonWriter.Include;
import org.cnlp.server.internal.JsonSupport;
import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemType;

/**
 * Turns request bodies into validated requests, or problems that say what is wrong without
 * quoting the text: size (413), UTF-8 and binary content, empty text, malformed JSON (with line
 * and column), unknown fields, wrong types, unknown include parts (400). Stateless and thread-safe.
 *
 * <p>JSON bodies: {@code {"text", "id"?, "pipeline"?, "model"?, "include"?}} for one document;
 * {@code {"documents": [{"text", "id"?}, ...], "pipeline"?, "model"?, "include"?}} for a batch.
 */
public final class RequestParser {

    static final List<String> SINGLE_FIELDS = List.of("text", "id", "pipeline", "model", "include");
    static final List<String> BATCH_FIELDS = List.of("documents", "pipeline", "model", "include");
    static final List<String> DOCUMENT_FIELDS = List.of("text", "id");

    private final RequestLimits limits;
    private final TextValidator validator;

    public RequestParser(RequestLimits limits) {
        this.limits = limits;
        this.validator = new TextValidator(limits.maxBodyBytes());
    }

    public RequestLimits limits() {
        return limits;
    }

    /**
     * Reads a request body, refusing it (413) as soon as it is known to exceed the limit: from the
     * declared length before reading, or after reading one byte more than the limit.
     *
     * @param declaredLength the Content-Length, or -1 when unknown (chunked)
     */
    public byte[] readBody(InputStream in, long declaredLength) throws ProblemException, IOException {
        if (declaredLength > limits.maxBodyBytes()) {
            throw tooLarge(declaredLength);
        }
        byte[] body = in.readNBytes((int) limits.maxBodyBytes() + 1);
        if (body.length > limits.maxBodyBytes()) {
            throw tooLarge(-1);
        }
        return body;
    }

    private ProblemException tooLarge(long size) {
        return new ProblemException(ProblemType.TOO_LARGE, "the body" + (size >= 0 ? " (" + size + " bytes)" : "")
                + " exceeds the limit of " + limits.maxBodyBytes() + " bytes (cnlp.request.max-bytes)");
    }

    /** A {@code text/plain} body: the note itself; options come from the query string. */
    public AnnotateRequest parseText(byte[] body, String defaultId, TextOptions options) throws ProblemException {
        String text = decode(body, "the body");
        String id = options.id().isPresent() ? checkId(options.id().get(), "id") : defaultId;
        return new AnnotateRequest(new DocumentInput(id, text), new Selection(blankToEmpty(options.pipeline(), "pipeline"),
                blankToEmpty(options.model(), "model")), includes(options.include()));
    }

    /** Query-string options of a {@code text/plain} request. */
    public record TextOptions(Optional<String> id, Optional<String> pipeline, Optional<String> model, List<String> include) {
        public TextOptions {
            include = List.copyOf(include);
        }
    }

    /** A JSON body for one document. */
    public AnnotateRequest parseJson(byte[] body, String defaultId) throws ProblemException {
        JsonNode root = parseObject(body);
        checkFields(root, SINGLE_FIELDS, "");
        DocumentInput document = document(root, "", defaultId);
        return new AnnotateRequest(document, selection(root), includes(root));
    }

    /** A JSON batch body; documents that fail validation on their own become {@link BatchEntry.Rejected}. */
    public BatchRequest parseBatch(byte[] body, String requestId) throws ProblemException {
        JsonNode root = parseObject(body);
        checkFields(root, BATCH_FIELDS, "");
        JsonNode documents = root.get("documents");
        if (documents == null || !documents.isArray()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "'documents' is required and must be an array of {\"text\", \"id\"?} objects");
        }
        if (documents.isEmpty()) {
            throw new ProblemException(ProblemType.EMPTY_TEXT, "'documents' is empty");
        }
        if (documents.size() > limits.maxBatchDocuments()) {
            throw new ProblemException(ProblemType.TOO_LARGE, "the batch has " + documents.size()
                    + " documents; the limit is " + limits.maxBatchDocuments() + " (cnlp.batch.max-documents)");
        }
        Selection selection = selection(root);
        Set<Include> include = includes(root);
        List<BatchEntry> entries = new ArrayList<>(documents.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            String path = "/documents/" + i;
            String defaultId = requestId + "#" + (i + 1);
            BatchEntry entry = batchEntry(documents.get(i), path, defaultId);
            if (!ids.add(entry.id())) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, path + "/id: duplicate document id '" + entry.id() + "'");
            }
            entries.add(entry);
        }
        return new BatchRequest(entries, selection, include);
    }

    private BatchEntry batchEntry(JsonNode node, String path, String defaultId) throws ProblemException {
        if (node == null || !node.isObject()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, path + ": expected a {\"text\", \"id\"?} object");
        }
        checkFields(node, DOCUMENT_FIELDS, path);
        String id = id(node, path, defaultId);
        try {
            return new BatchEntry.Ready(new DocumentInput(id, text(node, path)));
        } catch (ProblemException e) {
            return new BatchEntry.Rejected(id, e.problem());
        }
    }

    private DocumentInput document(JsonNode node, String path, String defaultId) throws ProblemException {
        return new DocumentInput(id(node, path, defaultId), text(node, path));
    }

    private String id(JsonNode node, String path, String defaultId) throws ProblemException {
        return node.has("id") ? checkId(string(node, "id", path), path + "/id") : defaultId;
    }

    private String text(JsonNode node, String path) throws ProblemException {
        if (!node.has("text")) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, path + "/text: required");
        }
        String text = string(node, "text", path);
        if (text.isBlank()) {
            throw new ProblemException(ProblemType.EMPTY_TEXT, path + "/text: the text is empty or only whitespace");
        }
        decode(text.getBytes(StandardCharsets.UTF_8), path + "/text");
        return text;
    }

    private JsonNode parseObject(byte[] body) throws ProblemException {
        String json = decode(body, "the body");
        JsonNode root;
        try {
            root = JsonSupport.TREE_READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, malformed(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "the body holds no JSON value");
        }
        if (!root.isObject()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "expected a JSON object, got " + kind(root));
        }
        return root;
    }

    /** Where the JSON broke, never what it said: parser messages may quote the text. */
    public static String malformed(JsonProcessingException e) {
        String what = e instanceof JsonEOFException ? "unexpected end of JSON input" : "malformed JSON";
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 0 ? what
                : what + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Strict UTF-8, no binary content, not blank: the same rules as files given to the CLI. */
    private String decode(byte[] bytes, String what) throws ProblemException {
        try {
            return validator.decode(bytes, what);
        } catch (InputRejectedException e) {
            ProblemType type = switch (e.reason()) {
                case EMPTY -> ProblemType.EMPTY_TEXT;
                case TOO_LARGE -> ProblemType.TOO_LARGE;
                case BINARY -> ProblemType.BINARY_CONTENT;
                case NOT_UTF8 -> ProblemType.INVALID_UTF8;
                case UNREADABLE, MALFORMED -> ProblemType.INVALID_REQUEST;
            };
            throw new ProblemException(type, e.getMessage());
        }
    }

    private static void checkFields(JsonNode node, List<String> accepted, String path) throws ProblemException {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!accepted.contains(field.getKey())) {
                throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, path + "/" + shorten(field.getKey())
                        + ": unknown field; accepted fields: " + String.join(", ", accepted)).withValidValues(accepted));
            }
        }
    }

    private static String string(JsonNode node, String field, String path) throws ProblemException {
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, path + "/" + field + ": expected a string, got " + kind(value));
        }
        return value.textValue();
    }

    private String checkId(String id, String path) throws ProblemException {
        if (id.isBlank() || id.length() > limits.maxIdLength() || id.chars().anyMatch(Character::isISOControl)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, path + ": an id must have 1 to " + limits.maxIdLength()
                    + " characters and no control characters");
        }
        return id;
    }

    private static Selection selection(JsonNode root) throws ProblemException {
        return new Selection(optionalName(root, "pipeline"), optionalName(root, "model"));
    }

    private static Optional<String> optionalName(JsonNode root, String field) throws ProblemException {
        if (!root.has(field) || root.get(field).isNull()) {
            return Optional.empty();
        }
        return blankToEmpty(Optional.of(string(root, field, "")), field);
    }

    private static Optional<String> blankToEmpty(Optional<String> value, String field) throws ProblemException {
        if (value.isPresent() && value.get().isBlank()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "/" + field + ": blank; leave it out for the default");
        }
        return value.map(String::strip);
    }

    private static Set<Include> includes(JsonNode root) throws ProblemException {
        JsonNode include = root.get("include");
        if (include == null || include.isNull()) {
            return Set.of();
        }
        if (!include.isArray()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "/include: expected an array of " + includeNames());
        }
        List<String> names = new ArrayList<>();
        for (JsonNode part : include) {
            if (!part.isTextual()) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "/include: expected strings, got " + kind(part));
            }
            names.add(part.textValue());
        }
        return includes(names);
    }

    /** Include parts by name, case-insensitive; each value may itself be a comma-separated list. */
    static Set<Include> includes(List<String> values) throws ProblemException {
        EnumSet<Include> result = EnumSet.noneOf(Include.class);
        for (String value : values) {
            for (String name : value.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    result.add(Include.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, "/include: unknown part '" + shorten(name.strip())
                            + "'; valid parts: " + String.join(", ", includeNames())).withValidValues(includeNames()));
                }
            }
        }
        return result;
    }

    private static List<String> includeNames() {
        return Arrays.stream(Include.values()).map(Enum::name).toList();
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Caller-chosen names echoed in details are cut short. */
    private static String shorten(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "...";
    }
}
