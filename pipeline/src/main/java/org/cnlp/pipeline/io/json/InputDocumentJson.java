package org.cnlp.pipeline.io.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnlp.pipeline.internal.Json;
import org.cnlp.pipeline.internal.JsonFields;
import org.cnlp.pipeline.io.DocumentFormatException;
import org.cnlp.pipeline.io.InputDocument;

/**
 * Parses input documents given as JSON: one object
 * {@code {"id": "...", "text": "...", "metadata": {"k": "v"}}} or an array of such objects.
 *
 * <p>{@code text} is required. {@code id} is optional: a missing id becomes {@code defaultId}
 * for a single object and {@code defaultId#n} (n from 1) for the n-th element of an array; ids
 * must be unique within one input. {@code metadata} is optional; its values must be strings,
 * numbers or booleans (numbers and booleans are kept as their JSON text). Other top-level
 * fields are ignored. Errors name the JSON path, never the text. Stateless and thread-safe.
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
        String text = node.requiredString("text");
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
        return new InputDocument(id, text, metadata);
    }
}
