package org.cnlp.model.encoder;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cnlp.model.tokenizer.EncoderTokenizer;
import org.cnlp.model.tokenizer.TokenizerSettings;
import org.cnlp.model.tokenizer.WordPieceTokenizerJson;
import org.cnlp.model.weights.BertCheckpointNames;
import org.cnlp.model.weights.OnnxWeights;
import org.cnlp.model.weights.Safetensors;
import org.cnlp.model.weights.TensorType;
import org.cnlp.model.weights.WeightSet;

/**
 * A pretrained BERT encoder on the heap: configuration, weights under {@code BertModel} names,
 * and the {@code tokenizer.json} text. Load it onto a device with {@link #load}.
 *
 * @param source where it came from, for logs and model cards
 */
public record EncoderCheckpoint(BertConfig config, WeightSet weights, String tokenizerJson, String source) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.");

    /**
     * Reads a HuggingFace checkpoint folder: {@code config.json}, {@code model.safetensors} (or
     * shards with {@code model.safetensors.index.json}; F32, F16 or BF16) and
     * {@code tokenizer.json}, or {@code vocab.txt} from which a WordPiece tokenizer is built
     * (lower-casing as {@code tokenizer_config.json}'s {@code do_lower_case}, default true).
     * {@code bert.} prefixes, {@code gamma}/{@code beta} names and task heads are handled.
     */
    public static EncoderCheckpoint fromHuggingFace(Path directory) throws IOException {
        Path config = directory.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new NoSuchFileException(config.toString(), null, "a HuggingFace checkpoint folder needs config.json");
        }
        BertConfig bertConfig = BertConfig.read(config);
        if (!Files.exists(directory.resolve("model.safetensors")) && !Files.exists(directory.resolve("model.safetensors.index.json"))
                && Files.exists(directory.resolve("pytorch_model.bin"))) {
            throw new IOException(directory + " holds only pytorch_model.bin (a Python pickle), which cannot be read here:"
                    + " save the model as model.safetensors (save_pretrained(..., safe_serialization=True))");
        }
        WeightSet weights = BertCheckpointNames.encoderWeights(Safetensors.readModel(directory, "model"));
        return new EncoderCheckpoint(bertConfig, weights, tokenizerJson(directory), directory.toString());
    }

    /**
     * Reads a PyTorch-exported BERT ONNX model (see {@link OnnxWeights}); the configuration comes
     * from the weight shapes, except the head count, which the export does not record.
     */
    public static EncoderCheckpoint fromOnnx(byte[] onnxModel, String tokenizerJson, int numHeads, String source) {
        WeightSet weights = BertCheckpointNames.encoderWeights(OnnxWeights.extract(onnxModel));
        return new EncoderCheckpoint(configFromWeights(weights, numHeads), weights, tokenizerJson, source);
    }

    /** A new encoder block of this configuration (uninitialized). */
    public BertEncoder newEncoder() {
        return new BertEncoder(config);
    }

    /** The encoder with these weights on {@code device}. */
    public TokenModel load(Device device) {
        return TokenModel.create(newEncoder(), weights, device);
    }

    /** The encoder with these weights on the device a setting selects ({@code cpu}, {@code auto}, {@code cuda[:N]}). */
    public TokenModel load(String deviceSetting) {
        return TokenModel.create(newEncoder(), weights, deviceSetting);
    }

    /** A tokenizer with the given settings. */
    public EncoderTokenizer tokenizer(TokenizerSettings settings) {
        return EncoderTokenizer.fromJson(tokenizerJson, settings);
    }

    /**
     * Writes this checkpoint as a HuggingFace folder: {@code config.json}, {@code tokenizer.json}
     * and safetensors weights of {@code type}, sharded at {@code maxShardBytes}.
     *
     * @return the files written
     */
    public List<Path> save(Path directory, TensorType type, long maxShardBytes) throws IOException {
        Files.createDirectories(directory);
        Path config = directory.resolve("config.json");
        Files.writeString(config, this.config.toJson(), StandardCharsets.UTF_8);
        Path tokenizer = directory.resolve("tokenizer.json");
        Files.writeString(tokenizer, tokenizerJson, StandardCharsets.UTF_8);
        List<Path> shards = Safetensors.writeSharded(directory, "model", weights, type, Map.of("format", "pt"), maxShardBytes);
        return Stream.concat(Stream.of(config, tokenizer), shards.stream()).toList();
    }

    private static String tokenizerJson(Path directory) throws IOException {
        Path json = directory.resolve("tokenizer.json");
        if (Files.isRegularFile(json)) {
            return Files.readString(json, StandardCharsets.UTF_8);
        }
        Path vocab = directory.resolve("vocab.txt");
        if (!Files.isRegularFile(vocab)) {
            throw new NoSuchFileException(json.toString(), null, "a HuggingFace checkpoint folder needs tokenizer.json or vocab.txt");
        }
        boolean lowerCase = true;
        Path tokenizerConfig = directory.resolve("tokenizer_config.json");
        if (Files.isRegularFile(tokenizerConfig)) {
            JsonNode root = JSON.readTree(tokenizerConfig.toFile());
            lowerCase = root.path("do_lower_case").asBoolean(true);
        }
        return WordPieceTokenizerJson.fromVocabFile(vocab, lowerCase);
    }

    private static BertConfig configFromWeights(WeightSet weights, int numHeads) {
        int layers = 0;
        for (String name : weights.names()) {
            Matcher m = LAYER.matcher(name);
            if (m.find()) {
                layers = Math.max(layers, Integer.parseInt(m.group(1)) + 1);
            }
        }
        if (layers == 0) {
            throw new IllegalArgumentException("no encoder.layer.N weights: not a BERT encoder");
        }
        var words = weights.get("embeddings.word_embeddings.weight");
        return BertConfig.of(
                (int) words.dim(0),
                (int) words.dim(1),
                layers,
                numHeads,
                (int) weights.get("encoder.layer.0.intermediate.dense.weight").dim(0),
                (int) weights.get("embeddings.position_embeddings.weight").dim(0),
                (int) weights.get("embeddings.token_type_embeddings.weight").dim(0));
    }
}
