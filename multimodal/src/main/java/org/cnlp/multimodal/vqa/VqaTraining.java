package org.cnlp.multimodal.vqa;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.cnlp.distill.train.AdamW;
import org.cnlp.multimodal.data.VqaItem;
import org.cnlp.multimodal.nn.Losses;
import org.cnlp.multimodal.nn.ParameterSet;

/**
 * Trains a {@link VqaModel} on precomputed {@link VqaFeatures} (the encoders stay frozen) and
 * scores it. Each question's logits are masked to the answers of its kind (closed or open,
 * {@link AnswerVocabulary#isClosedQuestion}) in training and prediction alike. Training
 * questions whose answer is outside the vocabulary cannot occur (the vocabulary is theirs);
 * validation answers outside it count as wrong.
 */
public final class VqaTraining {

    /**
     * @param epochs       passes over the training questions
     * @param batch        questions per step
     * @param learningRate AdamW's learning rate
     * @param weightDecay  AdamW's decoupled weight decay
     * @param hidden       the model's hidden width
     * @param seed         initialisation, dropout order and shuffling seed
     */
    public record Settings(int epochs, int batch, double learningRate, double weightDecay, int hidden, long seed) {
        public static Settings defaults() {
            return new Settings(40, 32, 1e-3, 1e-2, 256, 42);
        }
    }

    private VqaTraining() {}

    /** Trains {@code model}'s weights (in {@code parameters}) on {@code training}. */
    public static void train(VqaModel model, ParameterSet parameters, List<VqaItem> training, VqaFeatures features,
            AnswerVocabulary vocabulary, NDManager manager, Settings settings, PrintStream progress) {
        List<VqaItem> items = new ArrayList<>(training.stream().filter(item -> vocabulary.id(item.answer()) >= 0).toList());
        Random random = new Random(settings.seed());
        Engine.getEngine("PyTorch").setRandomSeed((int) settings.seed());
        try (AdamW optimizer = new AdamW(parameters.parameters(), settings.weightDecay(), manager)) {
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                Collections.shuffle(items, random);
                double lossSum = 0;
                int batches = 0;
                for (int start = 0; start < items.size(); start += settings.batch()) {
                    List<VqaItem> batch = items.subList(start, Math.min(items.size(), start + settings.batch()));
                    try (NDManager scope = manager.newSubManager()) {
                        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                            NDArray logits = masked(model, scope, batch, features, vocabulary, true);
                            int[] labels = batch.stream().mapToInt(item -> vocabulary.id(item.answer())).toArray();
                            NDArray loss = Losses.crossEntropy(logits, scope.create(labels));
                            collector.backward(loss);
                            lossSum += loss.getFloat();
                        }
                        optimizer.step(settings.learningRate());
                    }
                    batches++;
                }
                if (progress != null && (epoch % 10 == 0 || epoch == settings.epochs())) {
                    progress.printf(Locale.ROOT, "VQA %s: epoch %d/%d, loss %.4f%n", model.fusion().id(), epoch, settings.epochs(),
                            lossSum / Math.max(1, batches));
                }
            }
        }
    }

    /** The predicted answer id of each item. */
    public static int[] predict(VqaModel model, List<VqaItem> items, VqaFeatures features, AnswerVocabulary vocabulary,
            NDManager manager) {
        int[] predicted = new int[items.size()];
        for (int start = 0; start < items.size(); start += 256) {
            List<VqaItem> batch = items.subList(start, Math.min(items.size(), start + 256));
            try (NDManager scope = manager.newSubManager()) {
                long[] best = masked(model, scope, batch, features, vocabulary, false).argMax(1).toLongArray();
                for (int i = 0; i < batch.size(); i++) {
                    predicted[start + i] = (int) best[i];
                }
            }
        }
        return predicted;
    }

    /** Accuracy of {@code model} on {@code items} (which carry gold answers). */
    public static VqaScores evaluate(VqaModel model, List<VqaItem> items, VqaFeatures features, AnswerVocabulary vocabulary,
            NDManager manager) {
        int[] predicted = predict(model, items, features, vocabulary, manager);
        List<String> answers = new ArrayList<>(predicted.length);
        for (int id : predicted) {
            answers.add(vocabulary.answer(id));
        }
        return VqaScores.of(items, answers);
    }

    static NDArray masked(VqaModel model, NDManager manager, List<VqaItem> batch, VqaFeatures features,
            AnswerVocabulary vocabulary, boolean training) {
        NDArray logits = model.logits(features.questionBatch(manager, batch), features.regionBatch(manager, batch), training);
        float[] masks = new float[batch.size() * vocabulary.size()];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(vocabulary.mask(AnswerVocabulary.isClosedQuestion(batch.get(i).question())), 0, masks,
                    i * vocabulary.size(), vocabulary.size());
            int gold = vocabulary.id(batch.get(i).answer());
            if (training && gold >= 0) {
                // A question the opener rule misreads still learns its own answer.
                masks[i * vocabulary.size() + gold] = 0f;
            }
        }
        return logits.add(manager.create(masks, new Shape(batch.size(), vocabulary.size())));
    }
}
