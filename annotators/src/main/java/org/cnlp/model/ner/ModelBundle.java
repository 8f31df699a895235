package org.cnlp.model.ner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.weights.Checksums;
import org.cnlp.model.weights.Safetensors;
import org.cnlp.model.weights.TensorType;
import org.cnlp.model.weights.WeightSet;

/**
 * A trained token-classification model on disk, the one format the annotators, the server and
 * the distillation CLI read and write. A bundle is a folder:
 * <ul>
 *   <li>{@code bundle.json}: format and version, name, task, tag list, window length, the base
 *       model, training metadata, and the size and SHA-256 of every other file;</li>
 *   <li>{@code config.json}: the encoder's HuggingFace configuration;</li>
 *   <li>{@code tokenizer.json}: the HuggingFace tokenizer;</li>
 *   <li>{@code model.safetensors}, or shards {@code model-0000K-of-0000N.safetensors} with
 *       {@code model.safetensors.index.json}: the weights under {@code BertForTokenClassification}
 *       names without the {@code bert.} prefix.</li>
 * </ul>
 * A bundle is written to a temporary sibling folder and renamed into place, so a reader never
 * sees half of one; {@link #open} checks every checksum before anything is used.
 */
public final class ModelBundle {

    /** The {@code format} value of {@code bundle.json}. */
    public static final String FORMAT = "cnlp-model-bundle";
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    /** The task of a NER bundle. */
    public static final String TOKEN_CLASSIFICATION = "token-classification";
    /** The manifest's file name. */
    public static final String MANIFEST = "bundle.json";
    /** The default shard size: 50 MB, so that every file stays well under hosting limits. */
    public static final long DEFAULT_SHARD_BYTES = 50_000_000L;

    /** The training metadata key that lists a model's annotation guidelines ({@link #guidelines()}). */
    public static final String GUIDELINES = "guidelines";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;
    private final String name;
    private final LabelScheme scheme;
    private final int maxLength;
    private final BertConfig config;
    private final String tokenizerJson;
    private final WeightSet weights;
    private final JsonNode manifest;
    private final long bytes;

    private ModelBundle(Path directory, String name, LabelScheme scheme, int maxLength, BertConfig config, String tokenizerJson,
            WeightSet weights, JsonNode manifest, long bytes) {
        this.directory = directory;
        this.name = name;
        this.scheme = scheme;
        this.maxLength = maxLength;
        this.config = config;
        this.tokenizerJson = tokenizerJson;
        this.weights = weights;
        this.manifest = manifest;
        this.bytes = bytes;
    }

    /**
     * What a new bundle holds.
     *
     * @param name a short model name ({@code ner-teacher})
     * @param scheme the tags the classifier predicts
     * @param maxLength the window length the model was trained with (special tokens included)
     * @param config the encoder configuration
     * @param tokenizerJson the tokenizer
     * @param weights encoder and classifier weights
     * @param base where the starting weights came from
     * @param training free-form training metadata (data, epochs, scores, seed, ...)
     */
    public record Contents(String name, LabelScheme scheme, int maxLength, BertConfig config, String tokenizerJson,
            WeightSet weights, String base, Map<String, Object> training) {
        public Contents {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("bundle name '" + name + "' must be letters, digits, '.', '_' or '-'");
            }
            if (maxLength < 3 || maxLength > config.maxPositions()) {
                throw new IllegalArgumentException("maxLength " + maxLength + " must be in [3, " + config.maxPositions() + "]");
            }
            training = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(training));
        }
    }

    /**
     * Writes a bundle to {@code directory}, which must not exist yet (its parent is created).
     *
     * @param type the stored precision (F16 halves the size; loading converts back to F32)
     * @throws FileAlreadyExistsException when {@code directory} exists
     */
    public static ModelBundle write(Path directory, Contents contents, TensorType type, long maxShardBytes) throws IOException {
        Path target = directory.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a bundle is never overwritten: remove it or choose another folder");
        }
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
        try {
            if (staging.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // a temporary folder is private; a bundle is read by servers running as other users
                Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.writeString(staging.resolve("config.json"), contents.config().toJson(), StandardCharsets.UTF_8);
            Files.writeString(staging.resolve("tokenizer.json"), contents.tokenizerJson(), StandardCharsets.UTF_8);
            Safetensors.writeSharded(staging, "model", contents.weights(), type, Map.of("format", "pt"), maxShardBytes);
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("format", FORMAT);
            manifest.put("version", VERSION);
            manifest.put("name", contents.name());
            manifest.put("task", TOKEN_CLASSIFICATION);
            manifest.putPOJO("tags", contents.scheme().tags());
            manifest.put("maxLength", contents.maxLength());
            manifest.put("parameters", contents.weights().parameterCount());
            manifest.put("dtype", type.name());
            manifest.put("base", contents.base());
            manifest.put("created", Instant.now().toString());
            manifest.set("training", JSON.valueToTree(contents.training()));
            ObjectNode files = manifest.putObject("files");
            try (Stream<Path> listing = Files.list(staging)) {
                for (Path file : listing.sorted().toList()) {
                    ObjectNode entry = files.putObject(file.getFileName().toString());
                    entry.put("bytes", Files.size(file));
                    entry.put("sha256", sha256(file));
                }
            }
            Files.writeString(staging.resolve(MANIFEST), JSON.writeValueAsString(manifest), StandardCharsets.UTF_8);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
        return open(target);
    }

    /**
     * Reads and verifies a bundle.
     *
     * @throws IOException naming the file when a file is missing, has the wrong size or checksum,
     *     or the manifest is not a bundle of this version
     */
    public static ModelBundle open(Path directory) throws IOException {
        Path manifestFile = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new NoSuchFileException(manifestFile.toString(), null, "not a model bundle (no " + MANIFEST + ")");
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestFile.toFile());
        } catch (IOException e) {
            throw new IOException(manifestFile + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(manifest.path("format").asText()) || manifest.path("version").asInt() != VERSION) {
            throw new IOException(manifestFile + ": expected format " + FORMAT + " version " + VERSION + ", found "
                    + manifest.path("format").asText("?") + " version " + manifest.path("version").asText("?"));
        }
        if (!TOKEN_CLASSIFICATION.equals(manifest.path("task").asText())) {
            throw new IOException(manifestFile + ": task " + manifest.path("task").asText("?") + " is not " + TOKEN_CLASSIFICATION);
        }
        long total = Files.size(manifestFile);
        List<String> problems = new ArrayList<>();
        boolean weightsListed = false;
        for (Map.Entry<String, JsonNode> file : manifest.path("files").properties()) {
            if (file.getKey().contains("/") || file.getKey().contains("\\") || file.getKey().startsWith(".")) {
                problems.add("the manifest lists '" + file.getKey() + "', which is not a file of this folder");
                continue;
            }
            weightsListed |= file.getKey().startsWith("model");
            Path path = directory.resolve(file.getKey());
            if (!Files.isRegularFile(path)) {
                problems.add(file.getKey() + " is missing");
                continue;
            }
            long size = Files.size(path);
            total += size;
            if (size != file.getValue().path("bytes").asLong(-1)) {
                problems.add(file.getKey() + " has " + size + " bytes, the manifest says " + file.getValue().path("bytes").asText());
            } else if (!sha256(path).equals(file.getValue().path("sha256").asText())) {
                problems.add(file.getKey() + " does not match its SHA-256 (corrupted or edited)");
            }
        }
        if (!manifest.path("files").has("config.json") || !manifest.path("files").has("tokenizer.json") || !weightsListed) {
            problems.add("the manifest does not list config.json, tokenizer.json and the model weights");
        }
        if (!problems.isEmpty()) {
            throw new IOException("model bundle " + directory + " is damaged: " + String.join("; ", problems));
        }
        List<String> tags = new ArrayList<>();
        manifest.path("tags").forEach(t -> tags.add(t.asText()));
        LabelScheme scheme;
        try {
            scheme = LabelScheme.fromTags(tags);
        } catch (IllegalArgumentException e) {
            throw new IOException(manifestFile + ": " + e.getMessage(), e);
        }
        BertConfig config = BertConfig.read(directory.resolve("config.json"));
        int maxLength = manifest.path("maxLength").asInt();
        if (maxLength < 3 || maxLength > config.maxPositions()) {
            throw new IOException(manifestFile + ": maxLength " + maxLength + " must be in [3, " + config.maxPositions() + "]");
        }
        String tokenizer = Files.readString(directory.resolve("tokenizer.json"), StandardCharsets.UTF_8);
        WeightSet weights = Safetensors.readModel(directory, "model");
        return new ModelBundle(directory, manifest.path("name").asText(), scheme, maxLength, config,
                tokenizer, weights, manifest, total);
    }

    /**
     * Whether a folder looks like an NER bundle (a manifest whose task is token classification;
     * VQA bundles share the manifest name); {@link #open} still verifies it.
     */
    public static boolean isBundle(Path directory) {
        Path manifest = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return false;
        }
        try {
            return TOKEN_CLASSIFICATION.equals(new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile())
                    .path("task").asText());
        } catch (IOException e) {
            return true; // let open() report what is wrong with it
        }
    }

    /** Where the bundle lives. */
    public Path directory() {
        return directory;
    }

    /** The model name. */
    public String name() {
        return name;
    }

    /**
     * A model id for annotations and the API: the name and the first 12 hex digits of the
     * weights' checksum ({@code ner-teacher@3f2a9c01b7de}), so two trainings never share an id.
     */
    public String id() {
        String digest = manifest.path("files").properties().stream()
                .filter(e -> e.getKey().startsWith("model"))
                .map(e -> e.getValue().path("sha256").asText())
                .sorted()
                .reduce("", String::concat);
        return name + "@" + sha256(digest.getBytes(StandardCharsets.US_ASCII)).substring(0, 12);
    }

    /**
     * The annotation guidelines the model learned apart, by token type id: corpora that annotate
     * the same type differently (BC5CDR leaves a disease's modifiers out, NCBI-disease keeps them)
     * each train under their own, and a caller chooses the one it wants its entities to follow.
     * Empty for a model trained under one guideline (type id 0).
     */
    public List<String> guidelines() {
        List<String> names = new ArrayList<>();
        manifest.path("training").path(GUIDELINES).forEach(n -> names.add(n.asText()));
        return List.copyOf(names);
    }

    /**
     * The token type id of a guideline: its index in {@link #guidelines()}; a blank name is the
     * first (the default).
     *
     * @throws IllegalArgumentException for a name the model does not have, listing those it has
     */
    public int guidelineIndex(String name) {
        if (name == null || name.isBlank()) {
            return 0;
        }
        List<String> names = guidelines();
        int index = names.indexOf(name.trim());
        if (index < 0) {
            throw new IllegalArgumentException("model " + this.name + " has no annotation guideline '" + name.trim() + "'; it has "
                    + (names.isEmpty() ? "one, unnamed (leave the setting empty)" : String.join(", ", names)));
        }
        return index;
    }

    /** The tags. */
    public LabelScheme scheme() {
        return scheme;
    }

    /** The window length the model was trained with. */
    public int maxLength() {
        return maxLength;
    }

    /** The encoder configuration. */
    public BertConfig config() {
        return config;
    }

    /** The tokenizer. */
    public String tokenizerJson() {
        return tokenizerJson;
    }

    /** Encoder and classifier weights (F32 on the heap). */
    public WeightSet weights() {
        return weights;
    }

    /** The number of parameters. */
    public long parameterCount() {
        return weights.parameterCount();
    }

    /** The bundle's size on disk, every file included. */
    public long bytes() {
        return bytes;
    }

    /** The whole manifest (training metadata under {@code training}). */
    public JsonNode manifest() {
        return manifest;
    }

    private static String sha256(Path file) throws IOException {
        return Checksums.sha256(file);
    }

    private static String sha256(byte[] bytes) {
        return Checksums.sha256(bytes);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort: a leftover hidden staging folder is harmless
        }
    }
}
