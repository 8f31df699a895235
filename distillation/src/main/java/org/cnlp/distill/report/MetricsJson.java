package org.cnlp.distill.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@code metrics.json}: {@code {"run": NAME, "info": {...}, "epochs": [{...}, ...]}}. Each epoch has
 * the fields {@code epoch, steps, train_loss, learning_rate, seconds, dev_micro_f1, dev_f1} (an object from entity
 * type to F1); a NaN or infinite number is written as {@code null} and read back as NaN.
 */
final class MetricsJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The file's content once read and checked. */
    record Content(String run, ObjectNode info, List<EpochMetrics> epochs) {
    }

    private MetricsJson() {
    }

    static byte[] render(String run, ObjectNode info, List<EpochMetrics> epochs) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("run", run);
        root.set("info", info.deepCopy());
        ArrayNode array = root.putArray("epochs");
        for (EpochMetrics m : epochs) {
            ObjectNode node = array.addObject();
            node.put("epoch", m.epoch());
            node.put("steps", m.steps());
            putNumber(node, "train_loss", m.trainLoss());
            putNumber(node, "learning_rate", m.learningRate());
            putNumber(node, "seconds", m.seconds());
            putNumber(node, "dev_micro_f1", m.devMicroF1());
            ObjectNode f1 = node.putObject("dev_f1");
            m.devF1().forEach((type, value) -> putNumber(f1, type, value));
        }
        String text = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Parses {@code text}, read from {@code file} (named in error messages). */
    static Content parse(Path file, byte[] text) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw malformed(file, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw malformed(file, "expected a JSON object with fields run, info and epochs");
        }
        JsonNode run = root.get("run");
        if (run == null || !run.isTextual() || run.asText().isBlank()) {
            throw malformed(file, "field 'run' must be a non-blank string");
        }
        JsonNode info = root.get("info");
        if (info == null || info.isNull()) {
            info = MAPPER.createObjectNode();
        } else if (!info.isObject()) {
            throw malformed(file, "field 'info' must be an object");
        }
        JsonNode array = root.get("epochs");
        if (array == null || !array.isArray()) {
            throw malformed(file, "field 'epochs' must be an array");
        }
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String where = "epochs[" + i + "]";
            if (!node.isObject()) {
                throw malformed(file, where + " must be an object");
            }
            try {
                EpochMetrics m = new EpochMetrics(intField(node, "epoch"), longField(node, "steps"),
                        doubleField(node, "train_loss"), doubleField(node, "learning_rate"), doubleField(node, "seconds"),
                        f1Field(node), doubleField(node, "dev_micro_f1"));
                if (!epochs.isEmpty() && m.epoch() <= epochs.getLast().epoch()) {
                    throw new IllegalArgumentException("epoch " + m.epoch() + " does not follow epoch "
                            + epochs.getLast().epoch());
                }
                epochs.add(m);
            } catch (IllegalArgumentException e) {
                throw malformed(file, where + ": " + e.getMessage());
            }
        }
        return new Content(run.asText(), (ObjectNode) info, epochs);
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    private static int intField(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException("field '" + field + "' must be an integer, got " + value);
        }
        return value.intValue();
    }

    private static long longField(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("field '" + field + "' must be an integer, got " + value);
        }
        return value.longValue();
    }

    private static double doubleField(JsonNode node, String field) {
        return number(required(node, field), "field '" + field + "'");
    }

    private static double number(JsonNode value, String what) {
        if (value.isNull()) {
            return Double.NaN;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(what + " must be a number or null, got " + value);
        }
        return value.doubleValue();
    }

    private static Map<String, Double> f1Field(JsonNode node) {
        JsonNode value = required(node, "dev_f1");
        if (!value.isObject()) {
            throw new IllegalArgumentException("field 'dev_f1' must be an object, got " + value);
        }
        Map<String, Double> f1 = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            f1.put(entry.getKey(), number(entry.getValue(), "dev_f1 of '" + entry.getKey() + "'"));
        }
        return f1;
    }

    private static IOException malformed(Path file, String detail) {
        return new IOException("malformed metrics log " + file + ": " + detail);
    }
}
