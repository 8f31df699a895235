package org.cnlp.multimodal.uima;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.encoder.BertWeights;
import org.cnlp.model.ner.LabelScheme;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.ner.TokenClassifier;
import org.cnlp.model.tokenizer.WordPieceTokenizerJson;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.TensorType;
import org.cnlp.model.weights.WeightSet;
import org.cnlp.multimodal.data.VqaItem;
import org.cnlp.multimodal.encoder.ImageEncoder;
import org.cnlp.multimodal.nn.ParameterSet;
import org.cnlp.multimodal.vqa.AnswerVocabulary;
import org.cnlp.multimodal.vqa.VqaBundle;
import org.cnlp.multimodal.vqa.VqaModel;

/**
 * A tiny VQA installation for tests, built in a second: a random 2-layer NER bundle named
 * {@code ner-student} (the question encoder, hidden size 16) and a VQA bundle {@code vqa} with
 * random weights over {@link #CLOSED} and {@link #OPEN} answers, both in one models folder.
 */
final class TinyVqa {

    static final List<String> CLOSED = List.of("yes", "no");
    static final List<String> OPEN = List.of("brain", "left lung", "ct");

    private static final List<String> VOCAB = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
            "is", "there", "a", "fracture", "which", "organ", "shown", "what", "the", "in", "image", "?");
    private static final int HIDDEN = 16;

    private TinyVqa() {
    }

    /** Writes {@code models/ner-student} and {@code models/vqa}; returns the VQA bundle's folder. */
    static Path write(Path models) throws IOException {
        ModelBundle questions = writeQuestionEncoder(models.resolve("ner-student"));
        List<VqaItem> items = new java.util.ArrayList<>();
        for (String answer : CLOSED) {
            items.add(new VqaItem(items.size(), "a.jpg", "CHEST", "Is there a fracture?", answer, true, "PRES", "freeform"));
        }
        for (String answer : OPEN) {
            items.add(new VqaItem(items.size(), "a.jpg", "HEAD", "Which organ is shown?", answer, false, "ORGAN", "freeform"));
        }
        AnswerVocabulary vocabulary = AnswerVocabulary.of(items);
        Map<String, HostTensor> weights = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                ParameterSet image = new ParameterSet(manager, 3);
                ParameterSet fusion = new ParameterSet(manager, 5)) {
            new ImageEncoder(image);
            new VqaModel(fusion, VqaModel.Fusion.ATTENTION, HIDDEN, HIDDEN, vocabulary.size());
            weights.putAll(image.export("image.").asMap());
            weights.putAll(fusion.export("").asMap());
        }
        Path dir = models.resolve("vqa");
        new VqaBundle(VqaModel.Fusion.ATTENTION, HIDDEN, vocabulary, "ner-student", questions.id(), WeightSet.of(weights),
                new ObjectMapper().createObjectNode().put("purpose", "test")).write(dir);
        return dir;
    }

    private static ModelBundle writeQuestionEncoder(Path dir) throws IOException {
        LabelScheme scheme = LabelScheme.of("Disease", "Chemical");
        BertConfig config = BertConfig.of(VOCAB.size(), HIDDEN, 2, 4, 32, 64, 2);
        Map<String, HostTensor> weights = new LinkedHashMap<>(BertWeights.random(config, 11, 0.02).asMap());
        weights.put(TokenClassifier.WEIGHT, HostTensor.of(new long[] {scheme.size(), HIDDEN}, new float[scheme.size() * HIDDEN]));
        weights.put(TokenClassifier.BIAS, HostTensor.of(new long[] {scheme.size()}, new float[scheme.size()]));
        return ModelBundle.write(dir, new ModelBundle.Contents("ner-student", scheme, 32, config,
                WordPieceTokenizerJson.fromVocab(VOCAB, true), WeightSet.of(weights), "tiny random (VQA test)", Map.of()),
                TensorType.F32, ModelBundle.DEFAULT_SHARD_BYTES);
    }

    /** A real VQA-RAD JPEG from corpora-samples when it is there, else a generated 96x80 PNG. */
    static byte[] sampleImage() throws IOException {
        Path images = Path.of("..", "corpora-samples", "images", "vqa-rad", "images");
        if (Files.isDirectory(images)) {
            try (var files = Files.list(images)) {
                var jpeg = files.filter(p -> p.toString().endsWith(".jpg")).sorted().findFirst();
                if (jpeg.isPresent()) {
                    return Files.readAllBytes(jpeg.get());
                }
            }
        }
        BufferedImage image = new BufferedImage(96, 80, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 96; x++) {
                image.getRaster().setSample(x, y, 0, (x * 2 + y) % 256);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
