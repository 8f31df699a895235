package org.cnlp.distill.student;

import java.nio.file.Path;
import java.util.List;
import org.cnlp.model.weights.TensorType;

/**
 * How a student is distilled.
 *
 * @param teacher the teacher's model bundle folder
 * @param spec the student's shape
 * @param train labelled corpora ({@code FILE} or {@code FILE:Type,Type})
 * @param dev development corpora
 * @param unlabelled folders of {@code .txt} notes used as transfer data (soft labels only); empty for none
 * @param out the run folder
 * @param name the student bundle's name
 * @param temperature softening temperature T
 * @param alpha weight of the soft (KL) term; {@code 1 - alpha} weighs the hard labels
 * @param hiddenWeight weight of the hidden-state transfer (MSE of projected student layers to
 *     their teacher layers); 0 turns it off
 * @param attentionWeight weight of the attention-map transfer (MSE of each student layer's
 *     attention probabilities to its teacher layer's); 0 turns it off
 * @param cacheTeacher compute the teacher's logits once and cache them (true) or on the fly
 * @param epochs the most epochs
 * @param batchSize windows per step
 * @param learningRate peak learning rate
 * @param warmupFraction warm-up share of the steps
 * @param weightDecay AdamW decay
 * @param seed the seed
 * @param patience early-stopping patience
 * @param device {@code cpu}, {@code auto} or {@code cuda[:N]}
 * @param dtype stored precision of the bundle
 * @param maxDocuments at most this many documents per corpus and notes per folder (0: all)
 * @param evalBatchSize windows per forward pass when evaluating
 * @param adaptiveBatch empty for a fixed batch, or {@code MIN..MAX} for the adaptive schedule ({@code BatchSchedule})
 */
public record StudentConfig(Path teacher, StudentSpec spec, List<String> train, List<String> dev, List<Path> unlabelled, Path out,
        String name, double temperature, double alpha, double hiddenWeight, double attentionWeight, boolean cacheTeacher, int epochs, int batchSize,
        double learningRate, double warmupFraction, double weightDecay, long seed, int patience, String device, TensorType dtype,
        int maxDocuments, int evalBatchSize, String adaptiveBatch) {

    public StudentConfig {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
        unlabelled = List.copyOf(unlabelled);
        if (!(temperature > 0) || alpha < 0 || alpha > 1 || hiddenWeight < 0 || attentionWeight < 0) {
            throw new IllegalArgumentException("temperature must be positive, alpha in [0, 1], transfer weights not negative");
        }
        if (epochs < 1 || batchSize < 1 || patience < 1 || evalBatchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("epochs, batch sizes, patience and learning rate must be positive");
        }
    }

    /** What a resume must share with the interrupted run (not how teacher outputs are obtained: both give the same). */
    public String fingerprint(String teacherId) {
        return String.join("|", teacherId, String.valueOf(spec), String.valueOf(train), String.valueOf(dev), String.valueOf(unlabelled),
                name, String.valueOf(temperature), String.valueOf(alpha), String.valueOf(hiddenWeight), String.valueOf(attentionWeight), String.valueOf(epochs),
                String.valueOf(batchSize), String.valueOf(learningRate), String.valueOf(warmupFraction), String.valueOf(weightDecay),
                String.valueOf(seed), String.valueOf(maxDocuments), adaptiveBatch);
    }
}
