package org.cnlp.multimodal.vqa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnlp.model.weights.Checksums;
import org.cnlp.model.weights.Safetensors;
import org.cnlp.model.weights.TensorType;
import org.cnlp.model.weights.WeightSet;
import org.cnlp.terminology.io.Folders;

/**
 * A trained VQA model on disk, under the same rules as the NER bundles: {@code bundle.json}
 * (format {@code cnlp-model-bundle}, kind {@code vqa}: the fusion, hidden width, the answer
 * vocabulary with each answer's kinds, the question encoder it was trained with, validation
 * metrics, and the size and SHA-256 of every file) and {@code weights.safetensors} (the image
 * encoder under {@code image.}, the fusion under {@code vqa.}; F32, a few MB). Written to a
 * staging folder and moved into place; verified on open. The question encoder is not copied:
 * the manifest names the NER bundle ({@code ner-teacher} for the shipped one) and its id, and opening refuses
 * another one.
 *
 * @param fusion        the fusion variant
 * @param hidden        the hidden width
 * @param vocabulary    the answers
 * @param questionModel the question encoder's bundle name ({@code ner-teacher})
 * @param questionId    its {@code ModelBundle.id()} at training time
 * @param weights       the weights
 * @param metrics       validation figures and training details, free-form
 */
public record VqaBundle(VqaModel.Fusion fusion, int hidden, AnswerVocabulary vocabulary, String questionModel,
        String questionId, WeightSet weights, JsonNode metrics) {

    public static final String MANIFEST = "bundle.json";
    public static final String WEIGHTS = "weights.safetensors";
    private static final String FORMAT = "cnlp-model-bundle";
    private static final String KIND = "vqa";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes the bundle to {@code directory}, replacing what is there. */
    public void write(Path directory) throws IOException {
        Path staging = Folders.staging(directory);
        try {
            Safetensors.write(staging.resolve(WEIGHTS), weights, TensorType.F32, Map.of("format", "pt"));
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("format", FORMAT).put("version", 1).put("kind", KIND).put("task", KIND).put("name", "vqa")
                    .put("fusion", fusion.id()).put("hidden", hidden);
            manifest.putObject("questionEncoder").put("bundle", questionModel).put("id", questionId).put("pooling", "mean");
            manifest.putObject("imageEncoder").put("size", 64).put("grid", 8).put("features", 128);
            ArrayNode answers = manifest.putArray("answers");
            for (int i = 0; i < vocabulary.size(); i++) {
                answers.addObject().put("text", vocabulary.answer(i)).put("closed", vocabulary.isClosedAnswer(i))
                        .put("open", vocabulary.isOpenAnswer(i));
            }
            manifest.set("metrics", metrics);
            manifest.putObject("files").putObject(WEIGHTS).put("bytes", Files.size(staging.resolve(WEIGHTS)))
                    .put("sha256", Checksums.sha256(staging.resolve(WEIGHTS)));
            JSON.writeValue(staging.resolve(MANIFEST).toFile(), manifest);
            Folders.replace(staging, directory);
        } finally {
            Folders.deleteTree(staging);
        }
    }

    /**
     * Reads and verifies a bundle.
     *
     * @throws IOException naming the folder and what is wrong (missing, not a VQA bundle, a file
     *     missing or damaged)
     */
    public static VqaBundle open(Path directory) throws IOException {
        Path manifestFile = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException("No VQA model at " + directory + ": " + MANIFEST + " is missing. Train one with 'cnlp vqa train'.");
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestFile.toFile());
        } catch (IOException e) {
            throw new IOException(manifestFile + " is not valid JSON (" + e.getMessage() + "); the bundle is damaged.", e);
        }
        if (!FORMAT.equals(manifest.path("format").asText()) || !KIND.equals(manifest.path("kind").asText())) {
            throw new IOException(directory + " is not a VQA model bundle (format " + manifest.path("format").asText()
                    + ", kind " + manifest.path("kind").asText() + ")");
        }
        JsonNode file = manifest.path("files").path(WEIGHTS);
        Path weightsFile = directory.resolve(WEIGHTS);
        if (!Files.isRegularFile(weightsFile)) {
            throw new IOException("The VQA bundle " + directory + " has no " + WEIGHTS + "; reinstall or retrain it.");
        }
        if (!Checksums.sha256(weightsFile).equals(file.path("sha256").asText())) {
            throw new IOException("The VQA bundle " + directory + " is damaged: " + WEIGHTS + " does not match its checksum.");
        }
        List<String> answers = new ArrayList<>();
        List<Boolean> closed = new ArrayList<>();
        List<Boolean> open = new ArrayList<>();
        for (JsonNode answer : manifest.path("answers")) {
            answers.add(answer.path("text").asText());
            closed.add(answer.path("closed").asBoolean());
            open.add(answer.path("open").asBoolean());
        }
        if (answers.isEmpty()) {
            throw new IOException("The VQA bundle " + directory + " lists no answers; it is damaged.");
        }
        return new VqaBundle(VqaModel.Fusion.parse(manifest.path("fusion").asText()), manifest.path("hidden").asInt(),
                AnswerVocabulary.restore(answers, closed, open), manifest.path("questionEncoder").path("bundle").asText(),
                manifest.path("questionEncoder").path("id").asText(), Safetensors.read(weightsFile), manifest.path("metrics"));
    }
}
