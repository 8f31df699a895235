package org.cnlp.multimodal.vqa;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cnlp.model.embed.SentenceEmbedder;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.multimodal.data.VqaItem;
import org.cnlp.multimodal.encoder.ImageEncoder;
import org.cnlp.multimodal.image.GreyImage;
import org.cnlp.multimodal.image.ImageLimits;
import org.cnlp.multimodal.image.MedicalImages;
import org.cnlp.multimodal.nn.ParameterSet;

/**
 * Answers questions about images with a {@link VqaBundle}: the bundle's image encoder and fusion
 * on DJL PyTorch (CPU), questions through the NER bundle the VQA model was trained with.
 * Thread-safe (answers are computed under a lock: the model is small).
 */
public final class VqaPredictor implements AutoCloseable {

    /**
     * An answer.
     *
     * @param answer     the answer text
     * @param confidence its probability among the answers of the question's kind
     * @param closed     whether the question was read as a closed (yes/no or choice) one
     */
    public record Answer(String answer, double confidence, boolean closed) {}

    /**
     * The longer side callers decode uploads at ({@link org.cnlp.multimodal.image.MedicalImages#readPreview}):
     * four times the encoder's input, so area averaging down to 64×64 still sees every part of
     * the image, while a 40-million-pixel upload never becomes a full raster.
     */
    public static final int DECODE_SIDE = 4 * ImageEncoder.SIZE;

    private final VqaBundle bundle;
    private final NDManager manager;
    private final ParameterSet parameters;
    private final ImageEncoder imageEncoder;
    private final VqaModel model;
    private final SentenceEmbedder questionEncoder;

    private VqaPredictor(VqaBundle bundle, SentenceEmbedder questionEncoder) {
        this.bundle = bundle;
        this.questionEncoder = questionEncoder;
        this.manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try {
            this.parameters = new ParameterSet(manager, 0);
            this.imageEncoder = new ImageEncoder(parameters);
            this.model = new VqaModel(parameters, bundle.fusion(), questionEncoder.dimension(), bundle.hidden(),
                    bundle.vocabulary().size());
            Map<String, org.cnlp.model.weights.HostTensor> renamed = new java.util.LinkedHashMap<>();
            bundle.weights().asMap().forEach((name, tensor) -> {
                if (name.startsWith("image.conv") || name.startsWith("vqa.")) {
                    renamed.put(name.startsWith("image.") ? name.substring("image.".length()) : name, tensor);
                }
            });
            parameters.load(org.cnlp.model.weights.WeightSet.of(renamed), "");
            parameters.freeze();
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Opens the VQA bundle in {@code vqaDir} with the question encoder's bundle in
     * {@code modelsDir} (by the name the VQA bundle records).
     *
     * @throws IOException when either bundle is missing or damaged, or the question encoder is not
     *     the one the VQA model was trained with
     */
    public static VqaPredictor open(Path vqaDir, Path modelsDir) throws IOException {
        VqaBundle bundle = VqaBundle.open(vqaDir);
        ModelBundle questions = ModelBundle.open(modelsDir.resolve(bundle.questionModel()));
        if (!questions.id().equals(bundle.questionId())) {
            throw new IOException("The VQA model in " + vqaDir + " was trained with the question encoder " + bundle.questionId()
                    + ", but " + questions.directory() + " is " + questions.id() + ". Retrain it with 'cnlp vqa train'.");
        }
        SentenceEmbedder encoder = QuestionEncoders.open(questions);
        try {
            return new VqaPredictor(bundle, encoder);
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    /** The bundle. */
    public VqaBundle bundle() {
        return bundle;
    }

    /** Answers a question about an image. */
    public Answer answer(GreyImage image, String question) {
        return answer(image, List.of(question)).get(0);
    }

    /** Answers several questions about one image; the image is encoded once. */
    public synchronized List<Answer> answer(GreyImage image, List<String> questions) {
        float[] regions = VqaFeatures.regions(imageEncoder, manager, image.resized(ImageEncoder.SIZE, ImageEncoder.SIZE).toBytes());
        List<Answer> answers = new ArrayList<>(questions.size());
        for (String question : questions) {
            answers.add(answer(regions, question));
        }
        return answers;
    }

    /** Answers every item (images read from {@code imagesDir}, each once per call). */
    public synchronized List<Answer> answerAll(List<VqaItem> items, Path imagesDir) throws IOException {
        Map<String, float[]> regionsByImage = new HashMap<>();
        List<Answer> answers = new ArrayList<>(items.size());
        for (VqaItem item : items) {
            float[] regions = regionsByImage.get(item.imageName());
            if (regions == null) {
                GreyImage image = MedicalImages.read(imagesDir.resolve(item.imageName()), ImageLimits.DEFAULT);
                regions = VqaFeatures.regions(imageEncoder, manager, image.resized(ImageEncoder.SIZE, ImageEncoder.SIZE).toBytes());
                regionsByImage.put(item.imageName(), regions);
            }
            answers.add(answer(regions, item.question()));
        }
        return answers;
    }

    private Answer answer(float[] regions, String question) {
        boolean closed = AnswerVocabulary.isClosedQuestion(question);
        float[] questionVector = questionEncoder.embed(List.of(question))[0];
        try (NDManager scope = manager.newSubManager()) {
            NDArray logits = model.logits(scope.create(questionVector, new Shape(1, questionVector.length)),
                    scope.create(regions, new Shape(1, ImageEncoder.GRID * ImageEncoder.GRID, ImageEncoder.FEATURES)), false);
            float[] masked = logits.add(scope.create(bundle.vocabulary().mask(closed))).softmax(1).toFloatArray();
            int best = 0;
            for (int i = 1; i < masked.length; i++) {
                if (masked[i] > masked[best]) {
                    best = i;
                }
            }
            return new Answer(bundle.vocabulary().answer(best), masked[best], closed);
        }
    }

    @Override
    public void close() {
        try {
            questionEncoder.close();
        } finally {
            manager.close();
        }
    }
}
