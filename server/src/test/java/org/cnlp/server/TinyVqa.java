package org.cnlp.server;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.WeightSet;
import org.cnlp.multimodal.data.VqaItem;
import org.cnlp.multimodal.encoder.ImageEncoder;
import org.cnlp.multimodal.nn.ParameterSet;
import org.cnlp.multimodal.vqa.AnswerVocabulary;
import org.cnlp.multimodal.vqa.VqaBundle;
import org.cnlp.multimodal.vqa.VqaModel;

/**
 * A tiny VQA installation (about a second to write): {@link TinyBundle} as {@code ner-student} (the
 * question encoder) and a {@code vqa} bundle with random weights answering from {@link #CLOSED} and
 * {@link #OPEN}; and small test images.
 */
public final class TinyVqa {

    public static final List<String> CLOSED = List.of("yes", "no");
    public static final List<String> OPEN = List.of("brain", "left lung", "ct");

    private TinyVqa() {
    }

    /** Writes {@code models/ner-student} and {@code models/vqa}; returns the VQA bundle's folder. */
    public static Path write(Path models) throws IOException {
        ModelBundle questions = TinyBundle.write(models.resolve("ner-student"), "ner-student");
        List<VqaItem> items = new ArrayList<>();
        for (String answer : CLOSED) {
            items.add(new VqaItem(items.size(), "a.jpg", "CHEST", "Is there a fracture?", answer, true, "PRES", "freeform"));
        }
        for (String answer : OPEN) {
            items.add(new VqaItem(items.size(), "a.jpg", "HEAD", "Which organ is shown?", answer, false, "ORGAN", "freeform"));
        }
        AnswerVocabulary vocabulary = AnswerVocabulary.of(items);
        int hidden = questions.config().hiddenSize();
        Map<String, HostTensor> weights = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                ParameterSet image = new ParameterSet(manager, 3);
                ParameterSet fusion = new ParameterSet(manager, 5)) {
            new ImageEncoder(image);
            new VqaModel(fusion, VqaModel.Fusion.CONCAT, hidden, hidden, vocabulary.size());
            weights.putAll(image.export("image.").asMap());
            weights.putAll(fusion.export("").asMap());
        }
        Path dir = models.resolve("vqa");
        new VqaBundle(VqaModel.Fusion.CONCAT, hidden, vocabulary, "ner-student", questions.id(), WeightSet.of(weights),
                new ObjectMapper().createObjectNode().put("purpose", "server test")).write(dir);
        return dir;
    }

    /** A {@code width} x {@code height} grey gradient in {@code format} ({@code png} or {@code jpeg}). */
    public static byte[] image(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, (x * 3 + y * 2) % 256);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
