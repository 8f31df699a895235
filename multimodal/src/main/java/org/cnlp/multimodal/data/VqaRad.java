package org.cnlp.multimodal.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads VQA-RAD question files ({@code trainset.json}: a JSON list of objects with {@code qid}, {@code image_name},
 * {@code image_organ}, {@code answer}, {@code answer_type}, {@code question_type}, {@code question},
 * {@code phrase_type}) and splits them by image.
 *
 * <p>Only the official training set ships with this project (the official test split is evaluated elsewhere), so
 * validation is carved out of it with {@link #splitByImage}: no image contributes questions to both sides.
 */
public final class VqaRad {

    /** The images folder next to the question files. */
    public static final String IMAGES = "images";

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /**
     * A split of items.
     *
     * @param train      training items
     * @param validation validation items, none of whose images is in {@code train}
     */
    public record Split(List<VqaItem> train, List<VqaItem> validation) {

        /** Copies both lists. */
        public Split {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
        }
    }

    private VqaRad() {
    }

    /**
     * Reads a VQA-RAD question file. {@code qid}, {@code image_name} and {@code question} are required;
     * {@code answer} may be absent (question-only files: the answer is {@code ""}), and so may the other fields
     * ({@code ""}, and not closed). Numeric answers become their text. Answers are normalised with
     * {@link VqaItem#normalizeAnswer}; {@code answer_type} is compared trimmed and ignoring case.
     *
     * @throws IOException if the file cannot be read, is not valid JSON, is not a list of objects, or an item lacks
     *         a required field; the message names the file (and the item)
     */
    public static List<VqaItem> read(Path questionsJson) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(questionsJson)) {
            root = JSON.readTree(in);
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new IOException(questionsJson + " is not valid JSON" + at + ": " + e.getOriginalMessage()
                    + "; expected a VQA-RAD question list", e);
        }
        if (root == null || !root.isArray()) {
            throw new IOException(questionsJson + ": expected a JSON list of VQA-RAD questions, got "
                    + (root == null ? "an empty file" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        List<VqaItem> items = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            items.add(item(root.get(i), questionsJson, i));
        }
        return List.copyOf(items);
    }

    private static VqaItem item(JsonNode node, Path file, int index) throws IOException {
        String where = file + " item " + index;
        if (!node.isObject()) {
            throw new IOException(where + ": expected a JSON object, got " + node.getNodeType());
        }
        JsonNode qid = node.get("qid");
        if (qid == null || !(qid.canConvertToInt() && qid.isIntegralNumber() || qid.isTextual() && isInt(qid.asText()))) {
            throw new IOException(where + ": missing or non-integer 'qid'");
        }
        int id = qid.isTextual() ? Integer.parseInt(qid.asText().strip()) : qid.intValue();
        where = file + " item " + index + " (qid " + id + ")";
        String imageName = required(node, "image_name", where);
        String question = required(node, "question", where);
        return new VqaItem(id, imageName, optional(node, "image_organ"), question,
                VqaItem.normalizeAnswer(optional(node, "answer")),
                optional(node, "answer_type").equalsIgnoreCase("CLOSED"),
                optional(node, "question_type"), optional(node, "phrase_type"));
    }

    private static String required(JsonNode node, String field, String where) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            throw new IOException(where + ": missing or empty '" + field + "'");
        }
        return value.asText().strip();
    }

    /** A scalar field as trimmed text (numbers as written, e.g. {@code 4}); {@code ""} when absent or null. */
    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? "" : value.asText().strip();
    }

    private static boolean isInt(String text) {
        try {
            Integer.parseInt(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Splits items so that no image is on both sides: the distinct image names are sorted, shuffled with
     * {@code new Random(seed)}, and the first {@code round(validationFraction × images)} go to validation. Items keep
     * their order within each side. The same items, fraction and seed always give the same split.
     *
     * @throws IllegalArgumentException if the fraction is not in {@code 0..1}
     */
    public static Split splitByImage(List<VqaItem> items, double validationFraction, long seed) {
        if (!(validationFraction >= 0.0 && validationFraction <= 1.0)) {
            throw new IllegalArgumentException("validation fraction must be in 0..1, got " + validationFraction);
        }
        Set<String> distinct = new LinkedHashSet<>();
        items.forEach(item -> distinct.add(item.imageName()));
        List<String> images = new ArrayList<>(distinct);
        Collections.sort(images);
        Collections.shuffle(images, new Random(seed));
        int validationImages = (int) Math.round(validationFraction * images.size());
        Set<String> held = new HashSet<>(images.subList(0, validationImages));
        List<VqaItem> train = new ArrayList<>();
        List<VqaItem> validation = new ArrayList<>();
        for (VqaItem item : items) {
            (held.contains(item.imageName()) ? validation : train).add(item);
        }
        return new Split(train, validation);
    }

    /** The closed (yes/no and other closed-set) questions, in order. */
    public static List<VqaItem> closedOnly(List<VqaItem> items) {
        return items.stream().filter(VqaItem::closed).toList();
    }

    /** The open questions, in order. */
    public static List<VqaItem> openOnly(List<VqaItem> items) {
        return items.stream().filter(item -> !item.closed()).toList();
    }

    /** The images folder of a VQA-RAD directory ({@code <dir>/images}). */
    public static Path imagesDir(Path vqaRadDir) {
        return Objects.requireNonNull(vqaRadDir, "vqaRadDir").resolve(IMAGES);
    }
}
