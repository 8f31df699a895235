package org.cnlp.model.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnlp.model.tokenizer.EncoderTokenizer;
import org.cnlp.model.tokenizer.TokenSequence;
import org.cnlp.model.tokenizer.TokenizerSettings;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.Safetensors;
import org.cnlp.model.weights.TensorType;
import org.cnlp.model.weights.WeightSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading checkpoint folders the way users bring BioBERT-style models, generated here in miniature. */
class HuggingFaceCheckpointTest {

    private static final long SEED = 99L;
    private static final String TEXT = "The patient denies chest pain; reports shortness of breath.";

    @TempDir
    Path dir;

    @Test
    void oldStyleFolderWithVocabTxtPrefixesGammaBetaAndHeads() throws IOException {
        BertConfig config = TinyModels.config();
        WeightSet weights = TinyModels.weights(config, SEED);
        Path folder = dir.resolve("biobert-like");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("config.json"), config.toJson().replace("\"model_type\"", "\"pad_token_id\" : 0,\n  \"model_type\""));
        Files.write(folder.resolve("vocab.txt"), TinyModels.VOCAB);
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"do_lower_case\": true, \"model_max_length\": 64}");
        Map<String, HostTensor> stored = new LinkedHashMap<>();
        weights.asMap().forEach((name, tensor) -> stored.put("bert." + name.replace("LayerNorm.weight", "LayerNorm.gamma")
                .replace("LayerNorm.bias", "LayerNorm.beta"), tensor));
        stored.put("bert.pooler.dense.weight", HostTensor.of(new long[] {16, 16}, new float[256]));
        stored.put("cls.predictions.bias", HostTensor.of(new long[] {TinyModels.VOCAB.size()}, new float[TinyModels.VOCAB.size()]));
        Safetensors.write(folder.resolve("model.safetensors"), WeightSet.of(stored), TensorType.F16, Map.of("format", "pt"));

        EncoderCheckpoint checkpoint = EncoderCheckpoint.fromHuggingFace(folder);
        assertEquals(config, checkpoint.config());
        assertEquals(BertWeights.shapes(config).keySet(), checkpoint.weights().names());
        HostTensor query = checkpoint.weights().get("encoder.layer.1.attention.self.query.weight");
        assertTrue(query.maxAbsDifference(weights.get("encoder.layer.1.attention.self.query.weight")) < 2e-3f, "fp16 rounding only");

        WeightSet halfRounded = Safetensors.read(folder.resolve("model.safetensors"));
        WeightSet expectedWeights = halfRounded.rename(n -> n.startsWith("bert.") ? n.substring(5).replace(".gamma", ".weight")
                .replace(".beta", ".bias") : "");
        try (EncoderTokenizer tokenizer = checkpoint.tokenizer(TokenizerSettings.truncating(64));
                TokenModel loaded = checkpoint.load(Device.cpu());
                TokenModel direct = TokenModel.create(new BertEncoder(config), expectedWeights, Device.cpu())) {
            assertEquals(List.of("[CLS]", "the", "patient", "denies", "chest", "pain", ";", "reports", "short", "##ness", "of",
                    "breath", ".", "[SEP]"), tokenizer.tokens(TEXT));
            EncoderBatch batch = EncoderBatch.of(List.of(tokenizer.encode(TEXT)), tokenizer.padId());
            assertArrayEquals(direct.forward(batch).getFirst(), loaded.forward(batch).getFirst());
        }
    }

    @Test
    void savedCheckpointsReloadFromShardsWithTheirTokenizerJson() throws IOException {
        BertConfig config = TinyModels.config();
        EncoderCheckpoint original = new EncoderCheckpoint(config, TinyModels.weights(config, SEED), TinyModels.tokenizerJson(), "test");
        Path folder = dir.resolve("saved");
        List<Path> files = original.save(folder, TensorType.F32, 8_000);
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("model.safetensors.index.json")), files.toString());

        EncoderCheckpoint reloaded = EncoderCheckpoint.fromHuggingFace(folder);
        assertEquals(config, reloaded.config());
        for (String name : original.weights().names()) {
            assertArrayEquals(original.weights().get(name).data(), reloaded.weights().get(name).data(), name);
        }
        try (EncoderTokenizer a = original.tokenizer(TokenizerSettings.truncating(64));
                EncoderTokenizer b = reloaded.tokenizer(TokenizerSettings.truncating(64))) {
            TokenSequence x = a.encode(TEXT);
            assertArrayEquals(x.ids(), b.encode(TEXT).ids());
        }
    }

    @Test
    void explainsWhatIsMissing() throws IOException {
        assertThrows(NoSuchFileException.class, () -> EncoderCheckpoint.fromHuggingFace(dir));

        BertConfig config = TinyModels.config();
        Path pickleOnly = dir.resolve("pickle");
        Files.createDirectories(pickleOnly);
        Files.writeString(pickleOnly.resolve("config.json"), config.toJson());
        Files.write(pickleOnly.resolve("pytorch_model.bin"), new byte[] {1});
        IOException pickle = assertThrows(IOException.class, () -> EncoderCheckpoint.fromHuggingFace(pickleOnly));
        assertTrue(pickle.getMessage().contains("safetensors"), pickle.getMessage());

        Map<String, HostTensor> partial = new LinkedHashMap<>(TinyModels.weights(config, SEED).asMap());
        partial.remove("encoder.layer.1.output.dense.bias");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TokenModel.create(new BertEncoder(config), WeightSet.of(partial), Device.cpu()));
        assertTrue(missing.getMessage().contains("missing encoder.layer.1.output.dense.bias"), missing.getMessage());

        Map<String, HostTensor> wrongShape = new LinkedHashMap<>(TinyModels.weights(config, SEED).asMap());
        wrongShape.put("encoder.layer.0.intermediate.dense.weight", HostTensor.of(new long[] {16, 32}, new float[512]));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> TokenModel.create(new BertEncoder(config), WeightSet.of(wrongShape), Device.cpu()));
        assertTrue(shape.getMessage().contains("intermediate.dense.weight"), shape.getMessage());
    }
}
