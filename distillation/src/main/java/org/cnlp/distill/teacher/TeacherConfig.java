package org.cnlp.distill.teacher;

import java.nio.file.Path;
import java.util.List;
import org.cnlp.model.weights.TensorType;

/**
 * How a teacher is fine-tuned.
 *
 * @param base the starting encoder: {@code bge-small}, {@code minilm} (bundled) or a
 *     HuggingFace checkpoint folder
 * @param train training corpora, {@code FILE} or {@code FILE:Type,Type} (see {@code TrainingCorpus})
 * @param dev development corpora, same syntax; their F1 selects the best epoch
 * @param types the entity types the model tags, in tag order
 * @param out the run folder: the model bundle, checkpoint, metrics and plot go here
 * @param name the bundle's model name
 * @param epochs the most epochs
 * @param batchSize windows per step
 * @param learningRate peak learning rate
 * @param warmupFraction the share of steps over which the rate rises linearly from 0
 * @param weightDecay decoupled weight decay (not on biases and LayerNorms)
 * @param maxLength tokens per window, special tokens included
 * @param seed seeds the classifier initialisation, the shuffling and dropout
 * @param patience stop after this many epochs without a better dev score
 * @param device {@code cpu}, {@code auto} or {@code cuda[:N]}
 * @param dtype the precision the bundle stores
 * @param maxDocuments use at most this many documents of each corpus (0: all); for quick trials
 * @param evalBatchSize windows per forward pass when evaluating
 * @param adaptiveBatch empty for a fixed batch, or {@code MIN..MAX} for the adaptive schedule ({@code BatchSchedule})
 * @param guidelines the annotation guidelines the model learns apart, by token type id (empty or
 *     one: a single guideline); a corpus spec names its own with {@code @NAME}, else follows the first
 */
public record TeacherConfig(
        String base,
        List<String> train,
        List<String> dev,
        List<String> types,
        Path out,
        String name,
        int epochs,
        int batchSize,
        double learningRate,
        double warmupFraction,
        double weightDecay,
        int maxLength,
        long seed,
        int patience,
        String device,
        TensorType dtype,
        int maxDocuments,
        int evalBatchSize,
        String adaptiveBatch,
        List<String> guidelines) {

    public TeacherConfig {
        guidelines = List.copyOf(guidelines);
        if (guidelines.stream().distinct().count() != guidelines.size()) {
            throw new IllegalArgumentException("guideline names must differ: " + guidelines);
        }
        train = List.copyOf(train);
        dev = List.copyOf(dev);
        types = List.copyOf(types);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("at least one training corpus is needed");
        }
        if (epochs < 1 || batchSize < 1 || evalBatchSize < 1 || patience < 1 || maxDocuments < 0) {
            throw new IllegalArgumentException("epochs, batch sizes and patience must be positive");
        }
        if (!(learningRate > 0) || warmupFraction < 0 || warmupFraction >= 1 || weightDecay < 0) {
            throw new IllegalArgumentException("learning rate must be positive, warm-up in [0, 1), weight decay not negative");
        }
    }

    /**
     * The settings a resumed run must share with the interrupted one: everything but patience,
     * device and evaluation batch size (the epoch count shapes the learning-rate schedule).
     */
    public String fingerprint() {
        return String.join("|", base, String.valueOf(train), String.valueOf(dev), String.valueOf(types), name,
                String.valueOf(epochs), String.valueOf(batchSize), String.valueOf(learningRate), String.valueOf(warmupFraction),
                String.valueOf(weightDecay), String.valueOf(maxLength), String.valueOf(seed), String.valueOf(maxDocuments), adaptiveBatch)
                + (guidelines.size() > 1 ? "|" + guidelines : "");
    }
}
