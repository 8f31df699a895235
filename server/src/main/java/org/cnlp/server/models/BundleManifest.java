package org.cnlp.server.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.cnlp.server.internal.JsonSupport;

/**
 * What {@code GET /models} tells about a model bundle, read from its manifest ({@code bundle.json})
 * alone: cheap, so the weights are not loaded a second time next to the pipeline's copy. The
 * pipeline has verified the bundle's checksums ({@code ModelBundle.open}) before this is read.
 *
 * @param id         {@code name@<12 hex digits>}, the same id {@code ModelBundle.id()} gives and the
 *                   annotations carry as {@code modelId}
 * @param name       the model name in the manifest
 * @param base       where the starting weights came from
 * @param parameters the number of parameters
 * @param tags       the BIO tags the classifier predicts
 * @param maxLength  the window length the model was trained with
 * @param dtype      the stored precision ({@code F32}, {@code F16})
 * @param created    when the bundle was written (ISO-8601), or null
 * @param devF1      {@code training.devF1}: F1 per development set and type ({@code corpus/Type}), empty when
 *                   the manifest has none
 * @param devScore   {@code training.devScore}, the score the best epoch was chosen by, or null
 * @param bytes      the bundle's size on disk, manifest included
 */
public record BundleManifest(String id, String name, String base, long parameters, List<String> tags, int maxLength,
        String dtype, String created, Map<String, Double> devF1, Double devScore, long bytes) {

    /** The manifest's file name (as {@code ModelBundle.MANIFEST}). */
    public static final String MANIFEST = "bundle.json";

    private static final int ID_DIGITS = 12;

    public BundleManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        tags = List.copyOf(tags);
        devF1 = Collections.unmodifiableMap(new LinkedHashMap<>(devF1));
    }

    /**
     * Reads the manifest of the bundle in {@code directory}.
     *
     * @throws IOException naming the file when it is missing or not JSON
     */
    public static BundleManifest read(Path directory) throws IOException {
        Path file = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a model bundle (no " + MANIFEST + ")");
        }
        byte[] json = Files.readAllBytes(file);
        JsonNode manifest;
        try {
            manifest = JsonSupport.TREE_READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        String name = manifest.path("name").asText();
        List<String> tags = new ArrayList<>();
        manifest.path("tags").forEach(tag -> tags.add(tag.asText()));
        JsonNode training = manifest.path("training");
        Map<String, Double> devF1 = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> score : training.path("devF1").properties()) {
            Double value = finite(score.getValue());
            if (value != null) {
                devF1.put(score.getKey(), value);
            }
        }
        return new BundleManifest(id(name, manifest.path("files")), name, text(manifest.path("base")),
                manifest.path("parameters").asLong(-1), tags, manifest.path("maxLength").asInt(-1), text(manifest.path("dtype")),
                text(manifest.path("created")), devF1, finite(training.path("devScore")), bytes(file, manifest.path("files")));
    }

    /**
     * The bundle id as {@code ModelBundle.id()} computes it: the name and the first 12 hex digits of
     * the SHA-256 of the weight files' SHA-256 digests, sorted and concatenated.
     */
    static String id(String name, JsonNode files) {
        String digests = files.properties().stream()
                .filter(file -> file.getKey().startsWith("model"))
                .map(file -> file.getValue().path("sha256").asText())
                .sorted()
                .reduce("", String::concat);
        return name + "@" + sha256(digests.getBytes(StandardCharsets.US_ASCII)).substring(0, ID_DIGITS);
    }

    /** The manifest and every file it lists, as found on disk. */
    private static long bytes(Path manifestFile, JsonNode files) throws IOException {
        long total = Files.size(manifestFile);
        for (Map.Entry<String, JsonNode> file : files.properties()) {
            Path path = manifestFile.resolveSibling(file.getKey());
            if (Files.isRegularFile(path)) {
                total += Files.size(path);
            }
        }
        return total;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    /** A number, or null when absent or not finite (JSON cannot carry NaN). */
    private static Double finite(JsonNode node) {
        if (node.isNumber() || node.isTextual()) {
            double value = node.asDouble(Double.NaN);
            return Double.isFinite(value) ? value : null;
        }
        return null;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
