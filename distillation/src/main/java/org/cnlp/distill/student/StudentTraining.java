package org.cnlp.distill.student;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.stream.Stream;
import org.cnlp.distill.data.TaggedWindow;
import org.cnlp.distill.data.TrainingCorpus;
import org.cnlp.distill.data.WindowBuilder;
import org.cnlp.distill.report.MetricsLog;
import org.cnlp.distill.teacher.TrainingListener;
import org.cnlp.distill.train.BatchSchedule;
import org.cnlp.distill.train.Batches;
import org.cnlp.distill.train.DistillationLoss;
import org.cnlp.distill.train.RunFolder;
import org.cnlp.distill.train.RunLogs;
import org.cnlp.distill.train.TrainingLoop;
import org.cnlp.model.encoder.WeightBinding;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.ner.NerTagger;
import org.cnlp.model.ner.TokenClassifier;
import org.cnlp.model.tokenizer.EncoderTokenizer;
import org.cnlp.model.tokenizer.TokenizerSettings;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.WeightSet;

/**
 * Distils a smaller student from a trained teacher bundle: the student is cut from the teacher
 * ({@link StudentInit}), then trained on the labelled corpora and optional unlabelled notes with
 * {@link DistillationLoss} on the teacher's logits (cached or computed on the fly: the same
 * student either way) and, optionally, TinyBERT-style hidden-state transfer through learned
 * projections. Shares the teacher's loop: dev F1 per epoch, best bundle, checkpoints, exact
 * {@code --resume}, metrics log and plot.
 */
public final class StudentTraining {

    private static final String PROJECTION = TrainingLoop.OBJECTIVE_PREFIX + "projection.";

    private final StudentConfig config;
    private final TrainingListener listener;

    public StudentTraining(StudentConfig config, TrainingListener listener) {
        this.config = config;
        this.listener = listener;
    }

    public TrainingLoop.Result run(boolean resume) throws IOException {
        ModelBundle teacher = ModelBundle.open(config.teacher());
        String fingerprint = config.fingerprint(teacher.id());
        RunFolder folder = new RunFolder(config.out());
        RunFolder.State state = folder.prepare(resume, fingerprint);
        listener.message("teacher " + teacher.id() + ": " + teacher.config().numLayers() + " layers, " + teacher.parameterCount()
                + " parameters");
        List<TaggedWindow> windows = new ArrayList<>();
        int labelled;
        List<TrainingCorpus> dev = new ArrayList<>();
        try (EncoderTokenizer tokenizer = EncoderTokenizer.fromJson(teacher.tokenizerJson(),
                TokenizerSettings.untruncated(teacher.maxLength()))) {
            WindowBuilder builder = new WindowBuilder(teacher.scheme(), tokenizer, teacher.maxLength());
            for (String spec : config.train()) {
                TrainingCorpus corpus = TrainingCorpus.read(spec, teacher.guidelines()).limit(config.maxDocuments());
                List<TaggedWindow> w = builder.windows(corpus);
                windows.addAll(w);
                listener.message("train " + corpus.name() + ": " + corpus.documents().size() + " documents, " + w.size() + " windows");
            }
            labelled = windows.size();
            for (Path folderOfNotes : config.unlabelled()) {
                List<Path> notes = notes(folderOfNotes);
                for (Path note : notes) {
                    windows.addAll(builder.unlabelled(Files.readString(note, StandardCharsets.UTF_8)));
                }
                listener.message("unlabelled " + folderOfNotes.getFileName() + ": " + notes.size() + " notes");
            }
        }
        listener.message((windows.size() - labelled) + " unlabelled transfer windows beside " + labelled + " labelled ones");
        for (String spec : config.dev()) {
            dev.add(TrainingCorpus.read(spec, teacher.guidelines()).limit(config.maxDocuments()));
        }

        BitSet used = new BitSet();
        windows.forEach(w -> {
            for (long id : w.tokens().ids()) {
                used.set((int) id);
            }
        });
        VocabularyPruning vocabulary = config.spec().pruneVocabulary() ? VocabularyPruning.prune(teacher.tokenizerJson(), used) : null;
        StudentInit init = StudentInit.cut(teacher.config(), teacher.weights(), teacher.tokenizerJson(), config.spec(), vocabulary);
        List<TaggedWindow> studentWindows = windows.stream()
                .map(w -> new TaggedWindow(w.tokens().withIds(init.studentIds(w.tokens().ids())), w.allowed(), w.weights()))
                .toList();
        long studentParameters = init.weights().parameterCount();
        listener.message(String.format("student: layers %s of the teacher, feed-forward %d, vocabulary %d -> %d; %d parameters (%.1f%% of"
                        + " the teacher)", config.spec().teacherLayers(), init.config().intermediateSize(), teacher.config().vocabSize(),
                init.config().vocabSize(), studentParameters, 100.0 * studentParameters / teacher.parameterCount()));

        TokenClassifier block = new TokenClassifier(init.config(), teacher.scheme().size());
        WeightBinding.bind(block, state.weights().orElse(init.weights()));
        int stepsPerEpoch = (windows.size() + config.batchSize() - 1) / config.batchSize();
        Map<String, Object> info = runInfo(teacher, studentParameters, windows.size(), labelled, stepsPerEpoch);
        if (!teacher.guidelines().isEmpty()) {
            info.put(ModelBundle.GUIDELINES, teacher.guidelines());
        }
        MetricsLog metrics = RunLogs.open(config.out(), config.name(), state, info);
        TrainingLoop.Settings settings = new TrainingLoop.Settings(config.name(), config.epochs(), config.batchSize(),
                config.learningRate(), config.warmupFraction(), config.weightDecay(), config.seed(), config.patience(), config.device(),
                config.dtype(), config.evalBatchSize(), teacher.maxLength(), fingerprint, config.name() + " (student of "
                        + teacher.name() + ")", BatchSchedule.parse(config.adaptiveBatch(), config.batchSize()));
        try (NerTagger teacherTagger = NerTagger.load(teacher, "onnxruntime", "cpu", 1)) {
            TeacherLogits logits;
            if (config.cacheTeacher()) {
                listener.message("computing the teacher's logits for " + windows.size() + " windows (cached in "
                        + config.out().resolve("teacher-logits.safetensors") + ")");
                int every = Math.max(1, windows.size() / 20);
                logits = TeacherLogits.cached(config.out().resolve("teacher-logits.safetensors"), teacher.id(),
                        teacherTagger.model(), windows, n -> {
                            if (n % every == 0 || n == windows.size()) {
                                listener.message("  teacher logits " + n + "/" + windows.size());
                            }
                        });
            } else {
                logits = TeacherLogits.live(teacherTagger.model(), windows);
            }
            Objective objective = new Objective(teacher, windows, studentWindows, logits);
            return TrainingLoop.run(settings, folder, state, new TrainingLoop.Model(block, init.config(), init.tokenizerJson(),
                    teacher.scheme(), teacher.id()), windows.size(), objective, dev, metrics, info, listener);
        }
    }

    /** KL + hard labels on the teacher's logits, plus hidden-state transfer when configured. */
    private final class Objective implements TrainingLoop.Objective {
        private final ModelBundle teacher;
        private final List<TaggedWindow> teacherWindows;
        private final List<TaggedWindow> studentWindows;
        private final TeacherLogits logits;
        private final List<Linear> projections = new ArrayList<>();
        private TokenClassifier teacherBlock;

        Objective(ModelBundle teacher, List<TaggedWindow> teacherWindows, List<TaggedWindow> studentWindows, TeacherLogits logits) {
            this.teacher = teacher;
            this.teacherWindows = teacherWindows;
            this.studentWindows = studentWindows;
            this.logits = logits;
        }

        @Override
        public SequencedMap<String, Parameter> initialize(NDManager manager, Optional<WeightSet> checkpoint) {
            SequencedMap<String, Parameter> params = new LinkedHashMap<>();
            if (config.hiddenWeight() == 0 && config.attentionWeight() == 0) {
                return params;
            }
            teacherBlock = new TokenClassifier(teacher.config(), teacher.scheme().size());
            WeightBinding.bind(teacherBlock, teacher.weights());
            Shape probe = new Shape(1, 8);
            teacherBlock.initialize(manager, DataType.FLOAT32, probe, probe, probe);
            teacherBlock.freezeParameters(true);
            if (config.hiddenWeight() == 0) {
                return params;
            }
            int hidden = teacher.config().hiddenSize();
            for (int i = 0; i < config.spec().teacherLayers().size(); i++) {
                Linear projection = Linear.builder().setUnits(hidden).optBias(true).build();
                String prefix = PROJECTION + i + ".";
                Parameter weight = projection.getParameters().get("weight");
                Parameter bias = projection.getParameters().get("bias");
                Optional<HostTensor> savedWeight = checkpoint.filter(c -> c.contains(prefix + "weight")).map(c -> c.get(prefix + "weight"));
                Optional<HostTensor> savedBias = checkpoint.filter(c -> c.contains(prefix + "bias")).map(c -> c.get(prefix + "bias"));
                weight.setInitializer((m, shape, type) -> savedWeight.map(t -> t.toNDArray(m)).orElseGet(() -> m.eye(hidden)));
                bias.setInitializer((m, shape, type) -> savedBias.map(t -> t.toNDArray(m)).orElseGet(() -> m.zeros(new Shape(hidden))));
                projection.initialize(manager, DataType.FLOAT32, new Shape(1, hidden));
                projections.add(projection);
                params.put(prefix + "weight", weight);
                params.put(prefix + "bias", bias);
            }
            return params;
        }

        @Override
        public NDArray loss(TokenClassifier student, ParameterStore store, NDManager scope, List<Integer> batch) {
            int tags = teacher.scheme().size();
            Batches arrays = Batches.of(batch.stream().map(studentWindows::get).toList(), tags, scope);
            int length = arrays.inputs().length();
            float[] teacherValues = new float[batch.size() * length * tags];
            for (int b = 0; b < batch.size(); b++) {
                float[] t = logits.get(batch.get(b));
                System.arraycopy(t, 0, teacherValues, b * length * tags, t.length);
            }
            NDArray teacherLogits = scope.create(teacherValues, new Shape(batch.size(), length, tags));
            TokenClassifier.Outputs outputs = student.outputs(store, arrays.modelInputs(), true);
            NDArray loss = DistillationLoss.compute(outputs.logits(), teacherLogits, arrays.allowed(), arrays.weights(),
                    config.temperature(), config.alpha());
            if (teacherBlock != null) {
                Batches teacherArrays = Batches.of(batch.stream().map(teacherWindows::get).toList(), tags, scope);
                TokenClassifier.Outputs target = teacherBlock.outputs(store, teacherArrays.modelInputs(), false);
                NDArray real = scope.create(arrays.inputs().attentionMask(), new Shape(batch.size(), length)).toType(DataType.FLOAT32,
                        false);
                if (config.hiddenWeight() > 0) {
                    loss = loss.add(hiddenTransfer(store, outputs, target, real).mul((float) config.hiddenWeight()));
                }
                if (config.attentionWeight() > 0) {
                    loss = loss.add(attentionTransfer(outputs, target, real).mul((float) config.attentionWeight()));
                }
            }
            return loss;
        }

        /** Mean squared error of each projected student layer against its teacher layer, over real tokens. */
        private NDArray hiddenTransfer(ParameterStore store, TokenClassifier.Outputs student, TokenClassifier.Outputs teacherOut,
                NDArray real) {
            NDArray mask = real.expandDims(2);
            NDArray count = real.sum().mul(teacher.config().hiddenSize());
            NDArray total = null;
            for (int i = 0; i < projections.size(); i++) {
                NDArray projected = projections.get(i).forward(store, new NDList(student.states().hidden().get(i + 1)), true).head();
                NDArray target = teacherOut.states().hidden().get(config.spec().teacherLayers().get(i) + 1).stopGradient();
                NDArray mse = projected.sub(target).square().mul(mask).sum().div(count);
                total = total == null ? mse : total.add(mse);
            }
            return total.div(projections.size());
        }

        /**
         * Mean squared error of each student layer's attention probabilities against those of the
         * teacher layer it was cut from, over the rows of real tokens (TinyBERT's attention transfer).
         */
        private NDArray attentionTransfer(TokenClassifier.Outputs student, TokenClassifier.Outputs teacherOut, NDArray real) {
            long heads = teacher.config().numHeads();
            NDArray rows = real.expandDims(1).expandDims(3);
            NDArray count = real.sum().mul(heads).mul(real.getShape().get(1));
            NDArray total = null;
            for (int i = 0; i < config.spec().teacherLayers().size(); i++) {
                NDArray s = student.states().attention().get(i);
                NDArray t = teacherOut.states().attention().get(config.spec().teacherLayers().get(i)).stopGradient();
                NDArray mse = s.sub(t).square().mul(rows).sum().div(count);
                total = total == null ? mse : total.add(mse);
            }
            return total.div(config.spec().teacherLayers().size());
        }
    }

    private static List<Path> notes(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("unlabelled notes folder " + folder + " does not exist");
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
    }

    private Map<String, Object> runInfo(ModelBundle teacher, long parameters, int windows, int labelled, int stepsPerEpoch) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("teacher", teacher.id());
        info.put("teacherParameters", teacher.parameterCount());
        info.put("studentParameters", parameters);
        info.put("teacherLayers", config.spec().teacherLayers());
        info.put("intermediateSize", config.spec().intermediateSize());
        info.put("prunedVocabulary", config.spec().pruneVocabulary());
        info.put("temperature", config.temperature());
        info.put("alpha", config.alpha());
        info.put("hiddenWeight", config.hiddenWeight());
        info.put("attentionWeight", config.attentionWeight());
        info.put("train", config.train());
        info.put("dev", config.dev());
        info.put("unlabelled", config.unlabelled().stream().map(Path::toString).toList());
        info.put("windows", windows);
        info.put("labelledWindows", labelled);
        info.put("stepsPerEpoch", stepsPerEpoch);
        info.put("batchSize", config.batchSize());
        info.put("learningRate", config.learningRate());
        info.put("seed", config.seed());
        return info;
    }
}
