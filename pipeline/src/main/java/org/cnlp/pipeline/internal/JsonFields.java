package org.cnlp.pipeline.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.cnlp.pipeline.io.DocumentFormatException;

/**
 * Typed access to fields of a JSON object, failing with a {@link DocumentFormatException} that
 * names the JSON path and the expected type, never the value found.
 */
public record JsonFields(String source, String path, JsonNode node) {

    /** The object at {@code path} of {@code node}; fails unless {@code node} is an object. */
    public static JsonFields of(String source, String path, JsonNode node) throws DocumentFormatException {
        if (node == null || !node.isObject()) {
            throw new DocumentFormatException(source + ": " + display(path) + ": expected an object");
        }
        return new JsonFields(source, path, node);
    }

    public DocumentFormatException error(String field, String problem) {
        return new DocumentFormatException(source + ": " + path + "/" + field + ": " + problem);
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public String requiredString(String field) throws DocumentFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw error(field, value == null ? "missing string" : "expected a string");
        }
        return value.textValue();
    }

    public Optional<String> optionalString(String field) throws DocumentFormatException {
        return has(field) ? Optional.of(requiredString(field)) : Optional.empty();
    }

    public int requiredInt(String field) throws DocumentFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw error(field, value == null ? "missing integer" : "expected an integer");
        }
        return value.intValue();
    }

    public int optionalInt(String field, int absent) throws DocumentFormatException {
        return has(field) ? requiredInt(field) : absent;
    }

    public double requiredDouble(String field) throws DocumentFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw error(field, value == null ? "missing number" : "expected a number");
        }
        return value.doubleValue();
    }

    public boolean requiredBoolean(String field) throws DocumentFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw error(field, value == null ? "missing boolean" : "expected true or false");
        }
        return value.booleanValue();
    }

    /** The array at {@code field}, or an empty array when the field is absent. */
    public JsonNode optionalArray(String field) throws DocumentFormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Json.NODES.arrayNode();
        }
        if (!value.isArray()) {
            throw error(field, "expected an array");
        }
        return value;
    }

    public JsonNode requiredArray(String field) throws DocumentFormatException {
        if (!has(field)) {
            throw error(field, "missing array");
        }
        return optionalArray(field);
    }

    /** The object at {@code field}. */
    public JsonFields object(String field) throws DocumentFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw error(field, value == null ? "missing object" : "expected an object");
        }
        return new JsonFields(source, path + "/" + field, value);
    }

    /** The object at index {@code index} of {@code array}, which sits at {@code field}. */
    public JsonFields element(String field, JsonNode array, int index) throws DocumentFormatException {
        return of(source, path + "/" + field + "/" + index, array.get(index));
    }

    private static String display(String path) {
        return path.isEmpty() ? "/" : path;
    }
}
