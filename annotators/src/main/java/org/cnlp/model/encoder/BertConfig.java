package org.cnlp.model.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The shape of a BERT encoder, as in a HuggingFace {@code config.json}.
 *
 * @param vocabSize {@code vocab_size}
 * @param hiddenSize {@code hidden_size}
 * @param numLayers {@code num_hidden_layers}
 * @param numHeads {@code num_attention_heads}
 * @param intermediateSize {@code intermediate_size} (feed-forward width)
 * @param maxPositions {@code max_position_embeddings}
 * @param typeVocabSize {@code type_vocab_size}
 * @param layerNormEps {@code layer_norm_eps} (1e-12)
 * @param hiddenDropout {@code hidden_dropout_prob} (training only)
 * @param attentionDropout {@code attention_probs_dropout_prob} (training only)
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int intermediateSize,
        int maxPositions,
        int typeVocabSize,
        float layerNormEps,
        float hiddenDropout,
        float attentionDropout) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BertConfig {
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("num_hidden_layers", numLayers);
        positive("num_attention_heads", numHeads);
        positive("intermediate_size", intermediateSize);
        positive("max_position_embeddings", maxPositions);
        positive("type_vocab_size", typeVocabSize);
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize + " is not a multiple of num_attention_heads " + numHeads);
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layer_norm_eps must be positive");
        }
        if (!(hiddenDropout >= 0 && hiddenDropout < 1) || !(attentionDropout >= 0 && attentionDropout < 1)) {
            throw new IllegalArgumentException("dropout probabilities must be in [0, 1)");
        }
    }

    /** A configuration with the usual BERT defaults for epsilon (1e-12) and dropout (0.1). */
    public static BertConfig of(int vocabSize, int hiddenSize, int numLayers, int numHeads, int intermediateSize,
            int maxPositions, int typeVocabSize) {
        return new BertConfig(vocabSize, hiddenSize, numLayers, numHeads, intermediateSize, maxPositions, typeVocabSize,
                1e-12f, 0.1f, 0.1f);
    }

    /** The width of one attention head. */
    public int headSize() {
        return hiddenSize / numHeads;
    }

    /** Reads a HuggingFace {@code config.json}. */
    public static BertConfig read(Path configJson) throws IOException {
        return parse(Files.readString(configJson, StandardCharsets.UTF_8));
    }

    /**
     * Parses a HuggingFace {@code config.json}.
     *
     * @throws IllegalArgumentException when a size is missing, or the model is not a BERT with
     *     exact GELU and absolute positions
     */
    public static BertConfig parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("config.json is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("config.json is not a JSON object");
        }
        String modelType = root.path("model_type").asText("bert").toLowerCase(Locale.ROOT);
        if (!modelType.equals("bert")) {
            throw new IllegalArgumentException("model_type '" + modelType + "' is not supported (only bert)");
        }
        String activation = root.path("hidden_act").asText("gelu");
        if (!activation.equals("gelu")) {
            throw new IllegalArgumentException("hidden_act '" + activation + "' is not supported (only exact gelu)");
        }
        String positions = root.path("position_embedding_type").asText("absolute");
        if (!positions.equals("absolute")) {
            throw new IllegalArgumentException("position_embedding_type '" + positions + "' is not supported (only absolute)");
        }
        return new BertConfig(
                required(root, "vocab_size"),
                required(root, "hidden_size"),
                required(root, "num_hidden_layers"),
                required(root, "num_attention_heads"),
                required(root, "intermediate_size"),
                required(root, "max_position_embeddings"),
                root.path("type_vocab_size").asInt(2),
                (float) root.path("layer_norm_eps").asDouble(1e-12),
                (float) root.path("hidden_dropout_prob").asDouble(0.1),
                (float) root.path("attention_probs_dropout_prob").asDouble(0.1));
    }

    /** This configuration as a HuggingFace {@code config.json} ({@code BertModel}). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("architectures").add("BertModel");
        root.put("model_type", "bert");
        root.put("vocab_size", vocabSize);
        root.put("hidden_size", hiddenSize);
        root.put("num_hidden_layers", numLayers);
        root.put("num_attention_heads", numHeads);
        root.put("intermediate_size", intermediateSize);
        root.put("max_position_embeddings", maxPositions);
        root.put("type_vocab_size", typeVocabSize);
        root.put("layer_norm_eps", (double) layerNormEps);
        root.put("hidden_dropout_prob", (double) hiddenDropout);
        root.put("attention_probs_dropout_prob", (double) attentionDropout);
        root.put("hidden_act", "gelu");
        root.put("position_embedding_type", "absolute");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int required(JsonNode root, String key) {
        JsonNode value = root.get(key);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalArgumentException("config.json has no integer " + key);
        }
        return value.asInt();
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
