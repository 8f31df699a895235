package org.cnlp.distill.teacher;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cnlp.distill.data.TaggedWindow;
import org.cnlp.distill.data.TrainingCorpus;
import org.cnlp.distill.data.WindowBuilder;
import org.cnlp.distill.eval.DevEvaluation;
import org.cnlp.distill.report.EpochMetrics;
import org.cnlp.distill.report.MetricsLog;
import org.cnlp.distill.report.TrainingPlot;
import org.cnlp.distill.train.AdamW;
import org.cnlp.distill.train.PartialLabelLoss;
import org.cnlp.distill.train.RunFolder;
import org.cnlp.model.encoder.DeviceSelection;
import org.cnlp.model.encoder.EncoderBatch;
import org.cnlp.model.encoder.EncoderCheckpoint;
import org.cnlp.model.encoder.WeightBinding;
import org.cnlp.model.ner.LabelScheme;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.ner.TokenClassifier;
import org.cnlp.model.tokenizer.EncoderTokenizer;
import org.cnlp.model.tokenizer.TokenizerSettings;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.WeightSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fine-tunes a BERT encoder with a token-classification head on PubTator gold corpora: the
 * teacher. Partial labels let corpora that annotate different types train one model (see
 * {@link WindowBuilder}); AdamW with linear warm-up and decay; dropout; the development F1
 * after every epoch, measured through the serving code ({@code NerTagger}); the best epoch
 * kept as a {@link ModelBundle}; early stopping; a checkpoint after every epoch from which
 * {@code resume} continues exactly (weights, optimizer moments, schedule, random streams).
 *
 * <p>The run folder holds {@code model/} (the best bundle), {@code checkpoint/},
 * {@code metrics.csv}, {@code metrics.json} and {@code training.png}.
 */
public final class TeacherTraining {

    private static final Logger LOG = LoggerFactory.getLogger(TeacherTraining.class);
    private static final String ENGINE = "PyTorch";

    private final TeacherConfig config;
    private final TrainingListener listener;

    public TeacherTraining(TeacherConfig config, TrainingListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** What a finished run produced. */
    public record Result(Path bundle, int bestEpoch, double bestScore, Map<String, Double> bestF1, int epochsRun,
            boolean stoppedEarly) {}

    /**
     * Trains, or continues an interrupted run when {@code resume}.
     *
     * @throws IOException when data cannot be read or the run folder cannot be written
     * @throws IllegalStateException when the run folder holds another run (without
     *     {@code resume}) or a checkpoint of different settings (with it)
     */
    public Result run(boolean resume) throws IOException {
        RunFolder folder = new RunFolder(config.out());
        RunFolder.State state = folder.prepare(resume, config.fingerprint());
        LabelScheme scheme = new LabelScheme(config.types());
        EncoderCheckpoint base = BaseEncoders.load(config.base());
        if (config.maxLength() > base.config().maxPositions()) {
            throw new IllegalArgumentException("--max-length " + config.maxLength() + " exceeds the base model's "
                    + base.config().maxPositions() + " positions");
        }
        List<TaggedWindow> windows = new ArrayList<>();
        List<TrainingCorpus> dev = new ArrayList<>();
        try (EncoderTokenizer tokenizer = base.tokenizer(TokenizerSettings.untruncated(config.maxLength()))) {
            WindowBuilder builder = new WindowBuilder(scheme, tokenizer, config.maxLength());
            for (String spec : config.train()) {
                TrainingCorpus corpus = limit(TrainingCorpus.read(spec));
                List<TaggedWindow> w = builder.windows(corpus);
                windows.addAll(w);
                listener.message("train " + corpus.name() + ": " + corpus.documents().size() + " documents, " + w.size()
                        + " windows, annotates " + corpus.annotatedTypes());
            }
        }
        for (String spec : config.dev()) {
            TrainingCorpus corpus = limit(TrainingCorpus.read(spec));
            dev.add(corpus);
            listener.message("dev " + corpus.name() + ": " + corpus.documents().size() + " documents");
        }
        int stepsPerEpoch = (windows.size() + config.batchSize() - 1) / config.batchSize();
        long totalSteps = (long) stepsPerEpoch * config.epochs();
        DeviceSelection.Choice device = DeviceSelection.select(config.device(), Engine.getEngine(ENGINE).getGpuCount());
        listener.message("device " + device.device() + " (" + device.reason() + ")");

        WeightSet start = state.weights().orElseGet(() -> withNewHead(base.weights(), base.config().hiddenSize(), scheme.size()));
        TokenClassifier block = new TokenClassifier(base.config(), scheme.size());
        WeightBinding.bind(block, start);
        MetricsLog metrics;
        if (state.epoch() > 0) {
            metrics = MetricsLog.resume(config.out());
            metrics.truncateAfter(state.epoch()); // an epoch logged but not checkpointed before a crash runs again
        } else {
            metrics = MetricsLog.create(config.out(), config.name(), runInfo(base, windows.size(), stepsPerEpoch));
        }
        try (NDManager manager = NDManager.newBaseManager(device.device(), ENGINE)) {
            Shape probe = new Shape(1, 8);
            block.initialize(manager, DataType.FLOAT32, probe, probe, probe);
            try (AdamW optimizer = new AdamW(block.namedParameters(), config.weightDecay(), manager)) {
                state.optimizer().ifPresent(o -> optimizer.restoreState(o, state.steps()));
                if (state.epoch() > 0) {
                    listener.message("resuming after epoch " + state.epoch() + " (step " + state.steps() + ", best dev score "
                            + String.format("%.4f", state.bestScore()) + " at epoch " + state.bestEpoch() + ")");
                }
                return train(folder, state, scheme, base, block, optimizer, windows, dev, metrics, stepsPerEpoch, totalSteps);
            }
        }
    }

    private Result train(RunFolder folder, RunFolder.State state, LabelScheme scheme, EncoderCheckpoint base, TokenClassifier block,
            AdamW optimizer, List<TaggedWindow> windows, List<TrainingCorpus> dev, MetricsLog metrics, int stepsPerEpoch,
            long totalSteps) throws IOException {
        int bestEpoch = state.bestEpoch();
        double bestScore = state.bestScore();
        Map<String, Double> bestF1 = state.bestF1();
        int sinceBest = state.epochsSinceBest();
        int epoch = state.epoch();
        boolean stoppedEarly = false;
        while (epoch < config.epochs()) {
            if (sinceBest >= config.patience()) {
                stoppedEarly = true;
                listener.message("early stop: no better dev score for " + sinceBest + " epochs");
                break;
            }
            epoch++;
            long started = System.nanoTime();
            Engine.getEngine(ENGINE).setRandomSeed((int) (config.seed() * 1_000 + epoch));
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(config.seed() * 7_919 + epoch));
            listener.epochStarted(epoch, config.epochs(), stepsPerEpoch);
            double lossSum = 0;
            for (int s = 0; s < stepsPerEpoch; s++) {
                List<TaggedWindow> batch = new ArrayList<>();
                for (int i = s * config.batchSize(); i < Math.min(windows.size(), (s + 1) * config.batchSize()); i++) {
                    batch.add(windows.get(order.get(i)));
                }
                double loss = step(block, batch, scheme.size());
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("the training loss became " + loss + " at epoch " + epoch + ", step " + (s + 1)
                            + ": lower --lr");
                }
                optimizer.step(learningRate(optimizer.steps() + 1, totalSteps));
                lossSum += loss;
                listener.stepDone(s + 1, stepsPerEpoch, loss);
            }
            listener.evaluating(epoch);
            WeightSet weights = WeightBinding.export(block);
            DevEvaluation.Scores scores = DevEvaluation.evaluate(config.name(), scheme, config.maxLength(), base.tokenizerJson(),
                    base.config(), weights, config.device(), config.evalBatchSize(), dev);
            boolean improved = bestEpoch == 0 || scores.score() > bestScore;
            if (improved) {
                bestEpoch = epoch;
                bestScore = scores.score();
                bestF1 = scores.f1();
                sinceBest = 0;
                folder.saveModel(new ModelBundle.Contents(config.name(), scheme, config.maxLength(), base.config(),
                        base.tokenizerJson(), weights, base.source(), trainingMetadata(epoch, scores, windows.size())), config.dtype());
            } else {
                sinceBest++;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            EpochMetrics m = new EpochMetrics(epoch, optimizer.steps(), lossSum / stepsPerEpoch,
                    learningRate(optimizer.steps(), totalSteps), seconds, scores.f1(), scores.score());
            metrics.append(m);
            TrainingPlot.write(metrics.epochs(), config.name() + " (" + config.base() + ")", config.out().resolve("training.png"));
            folder.saveCheckpoint(new RunFolder.State(epoch, optimizer.steps(), bestEpoch, bestScore, bestF1, sinceBest,
                    java.util.Optional.of(weights), java.util.Optional.of(optimizer.exportState())), config.fingerprint());
            listener.epochDone(m, improved);
            if (epoch < config.epochs() && listener.stopRequested()) {
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
    private static double step(TokenClassifier block, List<TaggedWindow> batch, int tags) {
        EncoderBatch inputs = EncoderBatch.of(batch.stream().map(TaggedWindow::tokens).toList(), 0);
        int length = inputs.length();
        float[] allowed = new float[batch.size() * length * tags];
        float[] weights = new float[batch.size() * length];
        for (int b = 0; b < batch.size(); b++) {
            TaggedWindow w = batch.get(b);
            System.arraycopy(w.allowed(), 0, allowed, b * length * tags, w.allowed().length);
            System.arraycopy(w.weights(), 0, weights, b * length, w.weights().length);
        }
        NDManager parameters = block.encoder().namedParameters().firstEntry().getValue().getArray().getManager();
        try (NDScope scope = new NDScope(); NDManager stepManager = parameters.newSubManager();
             GradientCollector collector = Engine.getEngine(ENGINE).newGradientCollector()) {
            NDList x = inputs.toNDList(stepManager);
            NDArray logits = block.forward(new ParameterStore(stepManager, false), x, true).head();
            NDArray loss = PartialLabelLoss.compute(logits, stepManager.create(allowed, new Shape(batch.size(), length, tags)),
                    stepManager.create(weights, new Shape(batch.size(), length)));
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    /** Linear warm-up from 0 to the peak, then linear decay to 0 at the last step. */
    double learningRate(long step, long totalSteps) {
        long warmup = Math.round(config.warmupFraction() * totalSteps);
        if (step <= warmup && warmup > 0) {
            return config.learningRate() * step / warmup;
        }
        return config.learningRate() * Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmup));
    }

    private WeightSet withNewHead(WeightSet encoder, int hidden, int tags) {
        Random random = new Random(config.seed());
        float[] weight = new float[tags * hidden];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (float) (random.nextGaussian() * 0.02);
        }
        Map<String, HostTensor> all = new LinkedHashMap<>(encoder.asMap());
        all.put(TokenClassifier.WEIGHT, HostTensor.of(new long[] {tags, hidden}, weight));
        all.put(TokenClassifier.BIAS, HostTensor.of(new long[] {tags}, new float[tags]));
        return WeightSet.of(all);
    }

    private TrainingCorpus limit(TrainingCorpus corpus) {
        if (config.maxDocuments() == 0 || corpus.documents().size() <= config.maxDocuments()) {
            return corpus;
        }
        return new TrainingCorpus(corpus.name(), corpus.documents().subList(0, config.maxDocuments()), corpus.annotatedTypes());
    }

    private Map<String, Object> runInfo(EncoderCheckpoint base, int windows, int stepsPerEpoch) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("base", config.base());
        info.put("baseSource", base == null ? null : base.source());
        info.put("train", config.train());
        info.put("dev", config.dev());
        info.put("types", config.types());
        info.put("windows", windows);
        info.put("stepsPerEpoch", stepsPerEpoch);
        info.put("batchSize", config.batchSize());
        info.put("learningRate", config.learningRate());
        info.put("maxLength", config.maxLength());
        info.put("seed", config.seed());
        return info;
    }

    private Map<String, Object> trainingMetadata(int epoch, DevEvaluation.Scores scores, int windows) {
        Map<String, Object> meta = new LinkedHashMap<>(runInfo(null, windows, 0));
        meta.remove("baseSource");
        meta.remove("stepsPerEpoch");
        meta.put("epoch", epoch);
        meta.put("epochs", config.epochs());
        meta.put("weightDecay", config.weightDecay());
        meta.put("warmupFraction", config.warmupFraction());
        meta.put("devF1", scores.f1());
        meta.put("devScore", scores.score());
        return meta;
    }
}
