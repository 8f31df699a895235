package org.cnlp.distill.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SequencedMap;
import org.cnlp.distill.data.TrainingCorpus;
import org.cnlp.distill.eval.DevEvaluation;
import org.cnlp.distill.report.EpochMetrics;
import org.cnlp.distill.report.MetricsLog;
import org.cnlp.distill.report.TrainingPlot;
import org.cnlp.distill.teacher.TrainingListener;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.encoder.WeightBinding;
import org.cnlp.model.ner.LabelScheme;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.ner.TokenClassifier;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.TensorType;
import org.cnlp.model.weights.WeightSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epoch loop every trainer shares (teacher fine-tuning, student distillation): seeded
 * shuffling and dropout per epoch, AdamW with linear warm-up and decay, a pluggable
 * {@link Objective} per batch, development F1 after every epoch through the serving code,
 * the best epoch kept as a bundle, a checkpoint after every epoch (exact resume), early
 * stopping, the metrics log and plot.
 */
public final class TrainingLoop {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    private static final String ENGINE = "PyTorch";
    /** Checkpoint names of an objective's own parameters carry this prefix (kept out of bundles). */
    public static final String OBJECTIVE_PREFIX = "objective.";
    private static final int MAX_NON_FINITE_IN_A_ROW = 3;

    private TrainingLoop() {}

    /** Loop settings; {@code fingerprint} is what a resume must match, {@code title} heads the plot. */
    public record Settings(String name, int epochs, int batchSize, double learningRate, double warmupFraction, double weightDecay,
            long seed, int patience, String device, TensorType dtype, int evalBatchSize, int maxLength, String fingerprint,
            String title, BatchSchedule schedule) {

        /** Settings with a fixed batch of {@code batchSize}. */
        public Settings(String name, int epochs, int batchSize, double learningRate, double warmupFraction, double weightDecay,
                long seed, int patience, String device, TensorType dtype, int evalBatchSize, int maxLength, String fingerprint,
                String title) {
            this(name, epochs, batchSize, learningRate, warmupFraction, weightDecay, seed, patience, device, dtype, evalBatchSize,
                    maxLength, fingerprint, title, BatchSchedule.fixed(batchSize));
        }
    }

    /** The model being trained: a classifier bound to its starting weights but not initialized. */
    public record Model(TokenClassifier block, BertConfig config, String tokenizerJson, LabelScheme scheme, String base) {}

    /** What a finished run produced. */
    public record Result(java.nio.file.Path bundle, int bestEpoch, double bestScore, Map<String, Double> bestF1, int epochsRun,
            boolean stoppedEarly) {}

    /** The loss of one batch. */
    public interface Objective {

        /**
         * Creates the objective's own trainable parameters (projections) on {@code manager},
         * restored from a checkpoint's weights when resuming. Names start with
         * {@link #OBJECTIVE_PREFIX}.
         */
        default SequencedMap<String, Parameter> initialize(NDManager manager, Optional<WeightSet> checkpoint) {
            return new LinkedHashMap<>();
        }

        /** The training loss of the examples {@code batch} (indices), arrays created in {@code scope}. */
        NDArray loss(TokenClassifier block, ParameterStore store, NDManager scope, List<Integer> batch);
    }

    /** Trains from {@code state} (fresh or resumed) to the end or an early stop. */
    public static Result run(Settings settings, RunFolder folder, RunFolder.State state, Model model, int examples,
            Objective objective, List<TrainingCorpus> dev, MetricsLog metrics, Map<String, Object> bundleMetadata,
            TrainingListener listener) throws IOException {
        Device device = org.cnlp.model.encoder.DeviceSelection.select(settings.device(), Engine.getEngine(ENGINE).getGpuCount())
                .device();
        listener.message("training on " + device);
        try (NDManager manager = NDManager.newBaseManager(device, ENGINE)) {
            Shape probe = new Shape(1, 8);
            model.block().initialize(manager, DataType.FLOAT32, probe, probe, probe);
            SequencedMap<String, Parameter> trainable = new LinkedHashMap<>(model.block().namedParameters());
            trainable.putAll(objective.initialize(manager, state.weights()));
            try (AdamW optimizer = new AdamW(trainable, settings.weightDecay(), manager)) {
                state.optimizer().ifPresent(o -> optimizer.restoreState(o, state.steps()));
                if (state.epoch() > 0) {
                    listener.message(String.format("resuming after epoch %d (step %d, best dev score %.4f at epoch %d)", state.epoch(),
                            state.steps(), state.bestScore(), state.bestEpoch()));
                }
                return new Run(settings, folder, model, examples, objective, dev, metrics, bundleMetadata, listener, trainable,
                        optimizer).from(state);
            }
        }
    }

    /** Linear warm-up from 0 to the peak over {@code warmupFraction} of the steps, then linear decay to 0. */
    public static double learningRate(Settings settings, long step, long totalSteps) {
        long warmup = Math.round(settings.warmupFraction() * totalSteps);
        if (step <= warmup && warmup > 0) {
            return settings.learningRate() * step / warmup;
        }
        return settings.learningRate() * Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmup));
    }

    /**
     * The rate after {@code seen} of {@code total} examples: linear warm-up over the first
     * {@code warmupFraction}, then linear decay to 0 (the adaptive schedule's clock, where steps vary in size).
     */
    static double rateByProgress(Settings settings, long seen, long total) {
        double fraction = (double) seen / Math.max(1, total);
        if (fraction <= settings.warmupFraction() && settings.warmupFraction() > 0) {
            return settings.learningRate() * fraction / settings.warmupFraction();
        }
        return settings.learningRate() * Math.max(0.0, (1 - fraction) / (1 - settings.warmupFraction()));
    }

    private record Run(Settings settings, RunFolder folder, Model model, int examples, Objective objective, List<TrainingCorpus> dev,
            MetricsLog metrics, Map<String, Object> bundleMetadata, TrainingListener listener, SequencedMap<String, Parameter> trainable,
            AdamW optimizer) {

        Result from(RunFolder.State state) throws IOException {
            int stepsPerEpoch = (examples + settings.batchSize() - 1) / settings.batchSize();
            long totalSteps = (long) stepsPerEpoch * settings.epochs();
            long totalExamples = (long) examples * settings.epochs();
            BatchSchedule schedule = settings.schedule();
            state.schedule().ifPresent(schedule::restore);
            long seen = state.examplesSeen();
            int bestEpoch = state.bestEpoch();
            double bestScore = state.bestScore();
            Map<String, Double> bestF1 = state.bestF1();
            int sinceBest = state.epochsSinceBest();
            int epoch = state.epoch();
            boolean stoppedEarly = false;
            if (schedule.adaptive()) {
                listener.message("batch schedule: " + schedule);
            }
            while (epoch < settings.epochs()) {
                if (sinceBest >= settings.patience()) {
                    stoppedEarly = true;
                    listener.message("early stop: no better dev score for " + sinceBest + " epochs");
                    break;
                }
                epoch++;
                long started = System.nanoTime();
                Engine.getEngine(ENGINE).setRandomSeed((int) (settings.seed() * 1_000 + epoch));
                List<Integer> order = new ArrayList<>(examples);
                for (int i = 0; i < examples; i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(settings.seed() * 7_919 + epoch));
                schedule.startEpoch();
                int expectedSteps = (examples + schedule.current() - 1) / schedule.current();
                listener.epochStarted(epoch, settings.epochs(), expectedSteps);
                double lossSum = 0;
                int finite = 0;
                int nonFiniteInARow = 0;
                int s = 0;
                for (int position = 0; position < examples; s++) {
                    List<Integer> batch = order.subList(position, Math.min(examples, position + schedule.current()));
                    position += batch.size();
                    double loss = step(batch);
                    if (!Double.isFinite(loss)) {
                        // a non-finite batch loss updates nothing; several in a row mean the run has diverged
                        optimizer.discardGradients();
                        LOG.warn("epoch {} step {}: loss {}, step skipped", epoch, s + 1, loss);
                        if (++nonFiniteInARow >= MAX_NON_FINITE_IN_A_ROW) {
                            throw new IllegalStateException("the training loss was " + loss + " for " + nonFiniteInARow
                                    + " steps in a row at epoch " + epoch + ", step " + (s + 1) + ": lower --lr");
                        }
                        seen += batch.size();
                        listener.stepDone(s + 1, expectedSteps, loss);
                        continue;
                    }
                    nonFiniteInARow = 0;
                    double rate = schedule.adaptive()
                            ? rateByProgress(settings, seen + batch.size(), totalExamples) * schedule.rateScale()
                            : learningRate(settings, (long) (epoch - 1) * stepsPerEpoch + s + 1, totalSteps);
                    if (!optimizer.step(rate)) {
                        LOG.warn("epoch {} step {}: a gradient was not finite, step skipped", epoch, s + 1);
                    }
                    seen += batch.size();
                    schedule.observe(loss);
                    lossSum += loss;
                    finite++;
                    listener.stepDone(s + 1, expectedSteps, loss);
                }
                listener.evaluating(epoch);
                WeightSet weights = WeightBinding.export(model.block());
                DevEvaluation.Scores scores = DevEvaluation.evaluate(settings.name(), model.scheme(), settings.maxLength(),
                        model.tokenizerJson(), model.config(), weights, settings.device(), settings.evalBatchSize(), dev);
                boolean improved = bestEpoch == 0 || scores.score() > bestScore;
                if (improved) {
                    bestEpoch = epoch;
                    bestScore = scores.score();
                    bestF1 = scores.f1();
                    sinceBest = 0;
                    Map<String, Object> meta = new LinkedHashMap<>(bundleMetadata);
                    meta.put("epoch", epoch);
                    meta.put("epochs", settings.epochs());
                    meta.put("devF1", scores.f1());
                    meta.put("devScore", scores.score());
                    folder.saveModel(new ModelBundle.Contents(settings.name(), model.scheme(), settings.maxLength(), model.config(),
                            model.tokenizerJson(), weights, model.base(), meta), settings.dtype());
                } else {
                    sinceBest++;
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double endRate = schedule.adaptive() ? rateByProgress(settings, seen, totalExamples) * schedule.rateScale()
                        : learningRate(settings, (long) epoch * stepsPerEpoch, totalSteps);
                EpochMetrics m = new EpochMetrics(epoch, optimizer.steps(), finite == 0 ? Double.NaN : lossSum / finite, endRate,
                        seconds, scores.f1(), scores.score());
                metrics.append(m);
                TrainingPlot.write(metrics.epochs(), settings.title(), folder.root().resolve("training.png"));
                folder.saveCheckpoint(new RunFolder.State(epoch, optimizer.steps(), bestEpoch, bestScore, bestF1, sinceBest,
                        Optional.of(withObjective(weights)), Optional.of(optimizer.exportState()), seen,
                        Optional.of(schedule.state())), settings.fingerprint());
                listener.epochDone(m, improved);
                if (epoch < settings.epochs() && listener.stopRequested()) {
                    listener.message("stopped after epoch " + epoch + " on request; --resume continues");
                    break;
                }
            }
            if (bestEpoch == 0) {
                throw new IllegalStateException("no epoch finished: nothing to save");
            }
            LOG.info("training finished: best epoch {} with dev score {}", bestEpoch, bestScore);
            return new Result(folder.modelDirectory(), bestEpoch, bestScore, bestF1, epoch, stoppedEarly);
        }

        /** One forward/backward pass; returns the batch loss. The optimizer step follows outside the collector. */
        private double step(List<Integer> batch) {
            NDManager parameters = trainable.firstEntry().getValue().getArray().getManager();
            try (NDScope scope = new NDScope(); NDManager stepManager = parameters.newSubManager();
                 GradientCollector collector = Engine.getEngine(ENGINE).newGradientCollector()) {
                NDArray loss = objective.loss(model.block(), new ParameterStore(stepManager, false), stepManager, batch);
                collector.backward(loss);
                return loss.getFloat();
            }
        }

        private WeightSet withObjective(WeightSet weights) {
            Map<String, HostTensor> all = new LinkedHashMap<>(weights.asMap());
            trainable.forEach((name, p) -> {
                if (name.startsWith(OBJECTIVE_PREFIX)) {
                    all.put(name, HostTensor.of(p.getArray()));
                }
            });
            return WeightSet.of(all);
        }
    }
}
