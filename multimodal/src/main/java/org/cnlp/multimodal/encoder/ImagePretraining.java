package org.cnlp.multimodal.encoder;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.cnlp.distill.train.AdamW;
import org.cnlp.multimodal.data.ImageCorpus;
import org.cnlp.multimodal.data.ImageSample;
import org.cnlp.multimodal.data.ImageTask;
import org.cnlp.multimodal.nn.Losses;
import org.cnlp.multimodal.nn.ParameterSet;

/**
 * Pretrains the {@link ImageEncoder} as a multi-task classifier over the labelled images of
 * corpora-samples (MedNIST modality/body region, NIH chest X-ray normal/abnormal,
 * PneumoniaMNIST, BreastMNIST): one linear head per task on the pooled image vector; each step
 * takes a batch of one task, tasks drawn in proportion to the square root of their training
 * size, softmax cross-entropy, AdamW. Reports validation accuracy per task beside the majority
 * class's share. Deterministic for a seed on the CPU.
 */
public final class ImagePretraining {

    /**
     * @param steps     optimisation steps
     * @param batch     images per step
     * @param learningRate AdamW's learning rate (constant after a 100-step warm-up)
     * @param seed      initialisation and sampling seed
     */
    public record Settings(int steps, int batch, double learningRate, long seed) {
        public static Settings defaults() {
            return new Settings(600, 64, 2e-3, 42);
        }
    }

    /** Validation accuracy of one task and the share of its most frequent class. */
    public record TaskResult(ImageTask task, int train, int validation, double accuracy, double majority) {}

    private ImagePretraining() {}

    /** Adds one head per task to {@code parameters} ({@code head.<task>.weight/bias}). */
    public static void addHeads(ParameterSet parameters) {
        for (ImageTask task : ImageTask.values()) {
            parameters.lecun(headWeight(task), ImageEncoder.FEATURES, task.classNames().size(), ImageEncoder.FEATURES);
            parameters.zeros(headBias(task), task.classNames().size());
        }
    }

    /** Trains encoder and heads in {@code parameters} (built with {@link ImageEncoder} and {@link #addHeads}). */
    public static List<TaskResult> train(ImageCorpus corpus, ImageEncoder encoder, ParameterSet parameters, NDManager manager,
            Settings settings, PrintStream progress) {
        Random random = new Random(settings.seed());
        ImageTask[] tasks = ImageTask.values();
        double[] weights = new double[tasks.length];
        double total = 0;
        for (int t = 0; t < tasks.length; t++) {
            weights[t] = Math.sqrt(corpus.train(tasks[t]).size());
            total += weights[t];
        }
        long start = System.nanoTime();
        double smoothed = Double.NaN;
        try (AdamW optimizer = new AdamW(parameters.parameters(), 1e-4, manager)) {
            for (int step = 1; step <= settings.steps(); step++) {
                ImageTask task = pick(tasks, weights, total, random);
                List<ImageSample> pool = corpus.train(task);
                List<byte[]> images = new ArrayList<>(settings.batch());
                int[] labels = new int[settings.batch()];
                for (int b = 0; b < settings.batch(); b++) {
                    ImageSample sample = pool.get(random.nextInt(pool.size()));
                    images.add(augment(sample.pixels(), random));
                    labels[b] = sample.label();
                }
                try (NDManager batch = manager.newSubManager()) {
                    float loss;
                    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray logits = logits(encoder, parameters, task, ImageEncoder.pixels(batch, images));
                        NDArray value = Losses.crossEntropy(logits, batch.create(labels));
                        collector.backward(value);
                        loss = value.getFloat();
                    }
                    double lr = settings.learningRate() * Math.min(1.0, step / 100.0);
                    optimizer.step(lr);
                    smoothed = Double.isNaN(smoothed) ? loss : 0.98 * smoothed + 0.02 * loss;
                }
                if (progress != null && (step % 100 == 0 || step == settings.steps())) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    progress.printf(Locale.ROOT, "image encoder: step %d/%d, loss %.4f, %.1f steps/s, ETA %s%n", step,
                            settings.steps(), smoothed, step / seconds,
                            Duration.ofSeconds((long) ((settings.steps() - step) * seconds / step)));
                }
            }
        }
        List<TaskResult> results = new ArrayList<>();
        for (ImageTask task : tasks) {
            results.add(evaluate(corpus, encoder, parameters, manager, task));
        }
        return results;
    }

    /** Validation accuracy of one task's head. */
    public static TaskResult evaluate(ImageCorpus corpus, ImageEncoder encoder, ParameterSet parameters, NDManager manager,
            ImageTask task) {
        List<ImageSample> validation = corpus.validation(task);
        int correct = 0;
        int[] counts = new int[task.classNames().size()];
        for (int start = 0; start < validation.size(); start += 128) {
            List<ImageSample> chunk = validation.subList(start, Math.min(validation.size(), start + 128));
            try (NDManager batch = manager.newSubManager()) {
                NDArray logits = logits(encoder, parameters, task,
                        ImageEncoder.pixels(batch, chunk.stream().map(ImageSample::pixels).toList()));
                long[] predicted = logits.argMax(1).toLongArray();
                for (int i = 0; i < chunk.size(); i++) {
                    counts[chunk.get(i).label()]++;
                    if (predicted[i] == chunk.get(i).label()) {
                        correct++;
                    }
                }
            }
        }
        int majority = 0;
        for (int count : counts) {
            majority = Math.max(majority, count);
        }
        int n = Math.max(1, validation.size());
        return new TaskResult(task, corpus.train(task).size(), validation.size(), correct / (double) n, majority / (double) n);
    }

    static NDArray logits(ImageEncoder encoder, ParameterSet parameters, ImageTask task, NDArray pixels) {
        NDArray pooled = ImageEncoder.pooled(encoder.regions(pixels));
        return pooled.matMul(parameters.get(headWeight(task)).transpose()).add(parameters.get(headBias(task)));
    }

    /** A random shift of up to 4 pixels (edges repeated): the images vary in framing, not in side. */
    static byte[] augment(byte[] pixels, Random random) {
        int size = ImageEncoder.SIZE;
        int dx = random.nextInt(9) - 4;
        int dy = random.nextInt(9) - 4;
        byte[] out = new byte[pixels.length];
        for (int y = 0; y < size; y++) {
            int sy = Math.clamp(y + dy, 0, size - 1);
            for (int x = 0; x < size; x++) {
                out[y * size + x] = pixels[sy * size + Math.clamp(x + dx, 0, size - 1)];
            }
        }
        return out;
    }

    private static ImageTask pick(ImageTask[] tasks, double[] weights, double total, Random random) {
        double r = random.nextDouble() * total;
        for (int t = 0; t < tasks.length; t++) {
            r -= weights[t];
            if (r <= 0) {
                return tasks[t];
            }
        }
        return tasks[tasks.length - 1];
    }

    static String headWeight(ImageTask task) {
        return "head." + task.id() + ".weight";
    }

    static String headBias(ImageTask task) {
        return "head." + task.id() + ".bias";
    }
}
