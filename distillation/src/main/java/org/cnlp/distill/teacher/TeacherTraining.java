package org.cnlp.distill.teacher;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cnlp.distill.data.TaggedWindow;
import org.cnlp.distill.data.TrainingCorpus;
import org.cnlp.distill.data.WindowBuilder;
import org.cnlp.distill.report.MetricsLog;
import org.cnlp.distill.train.BatchSchedule;
import org.cnlp.distill.train.Batches;
import org.cnlp.distill.train.PartialLabelLoss;
import org.cnlp.distill.train.RunFolder;
import org.cnlp.distill.train.RunLogs;
import org.cnlp.distill.train.TrainingLoop;
import org.cnlp.model.encoder.EncoderCheckpoint;
import org.cnlp.model.encoder.WeightBinding;
import org.cnlp.model.ner.LabelScheme;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.ner.TokenClassifier;
import org.cnlp.model.tokenizer.EncoderTokenizer;
import org.cnlp.model.tokenizer.TokenizerSettings;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.WeightSet;

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


    private final TeacherConfig config;
    private final TrainingListener listener;

    public TeacherTraining(TeacherConfig config, TrainingListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** What a finished run produced. */

    /**
     * Trains, or continues an interrupted run when {@code resume}.
     *
     * @throws IOException when data cannot be read or the run folder cannot be written
     * @throws IllegalStateException when the run folder holds another run (without
     *     {@code resume}) or a checkpoint of different settings (with it)
     */
    public TrainingLoop.Result run(boolean resume) throws IOException {
        RunFolder folder = new RunFolder(config.out());
        RunFolder.State state = folder.prepare(resume, config.fingerprint());
        LabelScheme scheme = new LabelScheme(config.types());
        EncoderCheckpoint base = BaseEncoders.load(config.base());
        if (config.maxLength() > base.config().maxPositions()) {
            throw new IllegalArgumentException("--max-length " + config.maxLength() + " exceeds the base model's "
                    + base.config().maxPositions() + " positions");
        }
        if (config.guidelines().size() > base.config().typeVocabSize()) {
            throw new IllegalArgumentException(config.guidelines().size() + " guidelines need as many token types; the base model has "
                    + base.config().typeVocabSize());
        }
        List<TaggedWindow> windows = new ArrayList<>();
        List<TrainingCorpus> dev = new ArrayList<>();
        try (EncoderTokenizer tokenizer = base.tokenizer(TokenizerSettings.untruncated(config.maxLength()))) {
            WindowBuilder builder = new WindowBuilder(scheme, tokenizer, config.maxLength());
            for (String spec : config.train()) {
                TrainingCorpus corpus = TrainingCorpus.read(spec, config.guidelines()).limit(config.maxDocuments());
                List<TaggedWindow> w = builder.windows(corpus);
                windows.addAll(w);
                listener.message("train " + corpus.name() + ": " + corpus.documents().size() + " documents, " + w.size()
                        + " windows, annotates " + corpus.annotatedTypes() + guidelineNote(corpus));
            }
        }
        for (String spec : config.dev()) {
            TrainingCorpus corpus = TrainingCorpus.read(spec, config.guidelines()).limit(config.maxDocuments());
            dev.add(corpus);
            listener.message("dev " + corpus.name() + ": " + corpus.documents().size() + " documents" + guidelineNote(corpus));
        }
        int stepsPerEpoch = (windows.size() + config.batchSize() - 1) / config.batchSize();
        WeightSet start = state.weights().orElseGet(() -> withNewHead(base.weights(), base.config().hiddenSize(), scheme.size()));
        TokenClassifier block = new TokenClassifier(base.config(), scheme.size());
        WeightBinding.bind(block, start);
        MetricsLog metrics = RunLogs.open(config.out(), config.name(), state, runInfo(base, windows.size(), stepsPerEpoch));
        TrainingLoop.Settings settings = new TrainingLoop.Settings(config.name(), config.epochs(), config.batchSize(),
                config.learningRate(), config.warmupFraction(), config.weightDecay(), config.seed(), config.patience(), config.device(),
                config.dtype(), config.evalBatchSize(), config.maxLength(), config.fingerprint(),
                config.name() + " (" + config.base() + ")", BatchSchedule.parse(config.adaptiveBatch(), config.batchSize()));
        TrainingLoop.Objective objective = (classifier, store, scope, batch) -> {
            Batches arrays = Batches.of(batch.stream().map(windows::get).toList(), scheme.size(), scope);
            NDArray logits = classifier.forward(store, arrays.modelInputs(), true).head();
            return PartialLabelLoss.compute(logits, arrays.allowed(), arrays.weights());
        };
        Map<String, Object> meta = new LinkedHashMap<>(runInfo(null, windows.size(), stepsPerEpoch));
        meta.remove("baseSource");
        meta.remove("stepsPerEpoch");
        meta.put("weightDecay", config.weightDecay());
        meta.put("warmupFraction", config.warmupFraction());
        if (config.guidelines().size() > 1) {
            meta.put(ModelBundle.GUIDELINES, config.guidelines());
        }
        return TrainingLoop.run(settings, folder, state, new TrainingLoop.Model(block, base.config(), base.tokenizerJson(), scheme,
                base.source()), windows.size(), objective, dev, metrics, meta, listener);
    }

    private String guidelineNote(TrainingCorpus corpus) {
        return config.guidelines().size() > 1 ? ", guideline " + config.guidelines().get(corpus.guideline()) : "";
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
}
