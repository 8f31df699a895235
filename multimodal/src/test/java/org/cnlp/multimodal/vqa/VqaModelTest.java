package org.cnlp.multimodal.vqa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cnlp.multimodal.data.VqaItem;
import org.cnlp.multimodal.encoder.ImageEncoder;
import org.cnlp.multimodal.nn.ParameterSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fusion models on a synthetic task whose answer needs both inputs: which of two images a
 * question is asked about decides the answer, so the question alone cannot learn it.
 */
class VqaModelTest {

    private static final int QUESTION = 16;

    @TempDir
    Path dir;

    /** 4 questions × 2 images; the answer is "a"/"b"/"c"/"d" for image 0 and the next letter for image 1. */
    private static Synthetic synthetic() {
        Random random = new Random(3);
        Map<String, float[]> questions = new LinkedHashMap<>();
        Map<String, float[]> regions = new LinkedHashMap<>();
        String[] letters = {"a", "b", "c", "d", "e"};
        for (int q = 0; q < 4; q++) {
            float[] vector = new float[QUESTION];
            vector[q] = 1;
            questions.put("what is shown " + q + "?", vector);
        }
        for (int image = 0; image < 2; image++) {
            float[] grid = new float[ImageEncoder.GRID * ImageEncoder.GRID * ImageEncoder.FEATURES];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = (float) random.nextGaussian() * 0.1f + (i % ImageEncoder.FEATURES == image ? 2f : 0f);
            }
            regions.put("image" + image + ".jpg", grid);
        }
        List<VqaItem> items = new ArrayList<>();
        int qid = 0;
        for (int repeat = 0; repeat < 4; repeat++) {
            for (int q = 0; q < 4; q++) {
                for (int image = 0; image < 2; image++) {
                    items.add(new VqaItem(qid++, "image" + image + ".jpg", "CHEST", "what is shown " + q + "?", letters[q + image],
                            false, "PRES", "freeform"));
                }
            }
        }
        return new Synthetic(items, new VqaFeatures(questions, regions));
    }

    private record Synthetic(List<VqaItem> items, VqaFeatures features) {}

    private static double trainAccuracy(VqaModel.Fusion fusion) {
        Synthetic data = synthetic();
        AnswerVocabulary vocabulary = AnswerVocabulary.of(data.items());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                ParameterSet parameters = new ParameterSet(manager, 7)) {
            VqaModel model = new VqaModel(parameters, fusion, QUESTION, 32, vocabulary.size());
            VqaTraining.train(model, parameters, data.items(), data.features(), vocabulary, manager,
                    new VqaTraining.Settings(30, 8, 1e-2, 0, 32, 7), null);
            return VqaTraining.evaluate(model, data.items(), data.features(), vocabulary, manager).overall().accuracy();
        }
    }

    @Test
    void fusionsLearnWhatNeedsBothInputsAndTheQuestionAloneCannot() {
        double questionOnly = trainAccuracy(VqaModel.Fusion.QUESTION_ONLY);
        double concat = trainAccuracy(VqaModel.Fusion.CONCAT);
        double attention = trainAccuracy(VqaModel.Fusion.ATTENTION);

        assertTrue(questionOnly <= 0.5 + 1e-9, "the question alone is right for at most one image of two: " + questionOnly);
        assertEquals(1.0, concat, 1e-9);
        assertEquals(1.0, attention, 1e-9);
    }

    @Test
    void answersAreChosenAmongThoseOfTheQuestionsKind() {
        List<VqaItem> items = List.of(
                new VqaItem(1, "x.jpg", "HEAD", "Is there a mass?", "yes", true, "PRES", "freeform"),
                new VqaItem(2, "x.jpg", "HEAD", "Is this an MRI or a CT?", "ct", true, "MODALITY", "freeform"),
                new VqaItem(3, "x.jpg", "HEAD", "Where is the lesion?", "left kidney", false, "POS", "freeform"));
        AnswerVocabulary vocabulary = AnswerVocabulary.of(items);

        assertTrue(AnswerVocabulary.isClosedQuestion("Is there a mass?"));
        assertTrue(AnswerVocabulary.isClosedQuestion("  does the patient have an effusion"));
        assertFalse(AnswerVocabulary.isClosedQuestion("Where is the lesion?"));
        assertFalse(AnswerVocabulary.isClosedQuestion("What organ is shown?"));
        float[] closed = vocabulary.mask(true);
        assertEquals(0f, closed[vocabulary.id("yes")]);
        assertEquals(0f, closed[vocabulary.id("ct")]);
        assertTrue(closed[vocabulary.id("left kidney")] < -1000);
        assertEquals(-1, vocabulary.id("right kidney"));
    }

    @Test
    void bundlesRoundTripAndRefuseDamage() throws IOException {
        Synthetic data = synthetic();
        AnswerVocabulary vocabulary = AnswerVocabulary.of(data.items());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                ParameterSet parameters = new ParameterSet(manager, 7)) {
            new ImageEncoder(parameters);
            new VqaModel(parameters, VqaModel.Fusion.ATTENTION, QUESTION, 32, vocabulary.size());
            Path bundleDir = dir.resolve("vqa");
            new VqaBundle(VqaModel.Fusion.ATTENTION, 32, vocabulary, "ner-student", "ner-student@0123456789ab",
                    parameters.export(""), new ObjectMapper().createObjectNode().put("closed", 0.7)).write(bundleDir);

            VqaBundle read = VqaBundle.open(bundleDir);
            assertEquals(VqaModel.Fusion.ATTENTION, read.fusion());
            assertEquals(vocabulary.answers(), read.vocabulary().answers());
            assertEquals("ner-student@0123456789ab", read.questionId());
            assertEquals(0.7, read.metrics().path("closed").asDouble());
            assertEquals(parameters.count(), read.weights().parameterCount());

            byte[] weights = Files.readAllBytes(bundleDir.resolve(VqaBundle.WEIGHTS));
            weights[weights.length - 1] ^= 1;
            Files.write(bundleDir.resolve(VqaBundle.WEIGHTS), weights);
            IOException damaged = assertThrows(IOException.class, () -> VqaBundle.open(bundleDir));
            assertTrue(damaged.getMessage().contains("checksum"), damaged.getMessage());
            IOException missing = assertThrows(IOException.class, () -> VqaBundle.open(dir.resolve("none")));
            assertTrue(missing.getMessage().contains("cnlp vqa train"), missing.getMessage());
        }
    }
}
