package org.cnlp.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cnlp.distill.data.TrainingCorpus;
import org.cnlp.distill.eval.DistillEvaluation;
import org.cnlp.distill.report.EpochMetrics;
import org.cnlp.distill.student.StudentConfig;
import org.cnlp.distill.student.StudentSpec;
import org.cnlp.distill.student.StudentTraining;
import org.cnlp.distill.teacher.TeacherConfig;
import org.cnlp.distill.teacher.TeacherTraining;
import org.cnlp.distill.train.TrainingLoop;
import org.cnlp.distill.teacher.TrainingListener;
import org.cnlp.model.bench.ModelBench;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.weights.TensorType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cnlp distill}: the training CLI (teacher fine-tuning; student distillation follows). */
@Command(name = "distill", mixinStandardHelpOptions = true,
        description = "Train NER models: fine-tune the teacher, distil a smaller student, compare them.",
        subcommands = {DistillCommand.Teacher.class, DistillCommand.Student.class, DistillCommand.Evaluate.class,
                CommandLine.HelpCommand.class})
final class DistillCommand implements Runnable {

    @ParentCommand
    Cnlp parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "teacher", mixinStandardHelpOptions = true,
            description = {"Fine-tune a BERT encoder with a BIO token-classification head (Disease, Chemical).",
                    "Corpora that annotate only some types train with partial labels (NCBI-disease has no chemicals).",
                    "Writes OUT/model (the best epoch's bundle), OUT/checkpoint, OUT/metrics.csv|json and OUT/training.png.",
                    "Interrupted runs continue with --resume and end exactly as an uninterrupted run would."})
    static final class Teacher implements Callable<Integer> {

        @ParentCommand
        DistillCommand parent;

        @Option(names = "--base", defaultValue = "bge-small",
                description = "Starting encoder: bge-small (12 layers), minilm (6 layers) or a HuggingFace folder (default: ${DEFAULT-VALUE}).")
        String base;

        @Option(names = "--train", split = ",", description = "Training PubTator files, FILE or FILE:Type+Type (default: NCBI-disease train and BC5CDR train from corpora-samples).")
        List<String> train;

        @Option(names = "--dev", split = ",", description = "Development PubTator files (default: NCBI-disease devel and BC5CDR dev).")
        List<String> dev;

        @Option(names = "--types", split = ",", defaultValue = "Disease,Chemical", description = "Entity types, in tag order (default: ${DEFAULT-VALUE}).")
        List<String> types;

        @Option(names = "--out", description = "Run folder (default: work/models/teacher-run).")
        Path out;

        @Option(names = "--name", defaultValue = "ner-teacher", description = "Model name in the bundle (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--epochs", defaultValue = "4", description = "Most epochs (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--batch-size", defaultValue = "16", description = "Windows per step (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--lr", defaultValue = "8e-5", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
        double learningRate;

        @Option(names = "--warmup", defaultValue = "0.1", description = "Warm-up share of the steps (default: ${DEFAULT-VALUE}).")
        double warmup;

        @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW weight decay (default: ${DEFAULT-VALUE}).")
        double weightDecay;

        @Option(names = "--max-length", defaultValue = "128", description = "Tokens per window (default: ${DEFAULT-VALUE}).")
        int maxLength;

        @Option(names = "--seed", defaultValue = "13", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--patience", defaultValue = "2", description = "Stop after this many epochs without a better dev score (default: ${DEFAULT-VALUE}).")
        int patience;

        @Option(names = "--device", defaultValue = "auto", description = "cpu, auto or cuda[:N] (default: ${DEFAULT-VALUE}).")
        String device;

        @Option(names = "--dtype", defaultValue = "F16", description = "Stored precision of the bundle: F32, F16 or BF16 (default: ${DEFAULT-VALUE}).")
        TensorType dtype;

        @Option(names = "--max-documents", defaultValue = "0", description = "Use at most this many documents per corpus, 0 for all (quick trials).")
        int maxDocuments;

        @Option(names = "--eval-batch-size", defaultValue = "32", description = "Windows per forward pass when evaluating (default: ${DEFAULT-VALUE}).")
        int evalBatchSize;

        @Option(names = "--adaptive-batch", description = "MIN..MAX: grow the batch while the loss keeps falling, shrink it on a plateau, learning rate scaled with it (default: fixed --batch-size).")
        String adaptiveBatch;

        @Option(names = "--guidelines", split = ",", defaultValue = "",
                description = {"Annotation guidelines the model learns apart, e.g. bc5cdr,ncbi-disease (token type ids, at most the base"
                        + " model's type vocabulary); a corpus spec FILE@NAME follows NAME, others the first (default: one guideline)."})
        List<String> guidelines;

        @Option(names = "--install", description = "Copy the best bundle to models/NAME when done (what the pipelines load).")
        boolean install;

        @Option(names = "--resume", description = "Continue the interrupted run in --out from its last checkpoint.")
        boolean resume;

        @Override
        public Integer call() throws Exception {
            CnlpHome home = parent.parent.home();
            Path corpora = home.requireCorpora();
            List<String> names = guidelines == null ? List.of() : guidelines.stream().map(String::trim).filter(g -> !g.isEmpty()).toList();
            List<String> trainFiles = train != null ? train : withGuidelines(defaultTrain(corpora), names);
            List<String> devFiles = dev != null ? dev : withGuidelines(defaultDev(corpora), names);
            Path runFolder = out != null ? out : home.work().resolve("models").resolve("teacher-run");
            TeacherConfig config = new TeacherConfig(base, trainFiles, devFiles, types, runFolder, name, epochs, batchSize,
                    learningRate, warmup, weightDecay, maxLength, seed, patience, device, dtype, maxDocuments, evalBatchSize,
                    adaptiveBatch == null ? "" : adaptiveBatch, names);
            TrainingLoop.Result result = new TeacherTraining(config, new ConsoleListener()).run(resume);
            printResult(result, runFolder);
            if (install) {
                System.out.println("installed: " + installBundle(result.bundle(), home.models().resolve(name)));
            }
            return 0;
        }
    }

    @Command(name = "student", mixinStandardHelpOptions = true,
            description = {"Distil a smaller student from a teacher bundle: alpha*T^2*KL(teacher_T||student_T) + (1-alpha)*hard labels.",
                    "The student is cut from the teacher: chosen layers, pruned feed-forward, pruned vocabulary.",
                    "Writes OUT/model, OUT/checkpoint, OUT/teacher-logits.safetensors (with --cache-teacher), metrics and plot."})
    static final class Student implements Callable<Integer> {

        @ParentCommand
        DistillCommand parent;

        @Option(names = "--teacher", description = "Teacher bundle folder (default: models/ner-teacher).")
        Path teacher;

        @Option(names = "--layers", split = ",", defaultValue = "0,4,8,11", description = "Teacher layers the student keeps, in order (default: ${DEFAULT-VALUE}).")
        List<Integer> layers;

        @Option(names = "--ffn", defaultValue = "256", description = "Feed-forward neurons kept per layer, 0 for all (default: ${DEFAULT-VALUE}).")
        int ffn;

        @Option(names = "--no-prune-vocab", description = "Keep the teacher's whole vocabulary.")
        boolean keepVocabulary;

        @Option(names = "--train", split = ",", description = "Labelled PubTator files (default: NCBI-disease train and BC5CDR train).")
        List<String> train;

        @Option(names = "--dev", split = ",", description = "Development PubTator files (default: NCBI-disease devel and BC5CDR dev).")
        List<String> dev;

        @Option(names = "--unlabelled", split = ",", description = "Folders of .txt notes used as transfer data, or 'none' (default: the mtsamples and MTS-Dialog notes in corpora-samples).")
        List<String> unlabelled;

        @Option(names = "--temperature", defaultValue = "3", description = "Softening temperature T (default: ${DEFAULT-VALUE}).")
        double temperature;

        @Option(names = "--alpha", defaultValue = "0.7", description = "Weight of the soft term (default: ${DEFAULT-VALUE}).")
        double alpha;

        @Option(names = "--hidden-weight", defaultValue = "0", description = "Weight of hidden-state transfer through learned projections, 0 off (default: ${DEFAULT-VALUE}).")
        double hiddenWeight;

        @Option(names = "--attention-weight", defaultValue = "0", description = "Weight of attention-map transfer (student layer vs the teacher layer it came from), 0 off (default: ${DEFAULT-VALUE}).")
        double attentionWeight;

        @Option(names = "--live-teacher", description = "Compute the teacher's logits on the fly instead of caching them once (same student).")
        boolean liveTeacher;

        @Option(names = "--out", description = "Run folder (default: work/models/student-run).")
        Path out;

        @Option(names = "--name", defaultValue = "ner-student", description = "Model name in the bundle (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--epochs", defaultValue = "6", description = "Most epochs (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--batch-size", defaultValue = "16", description = "Windows per step (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--lr", defaultValue = "3e-4", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
        double learningRate;

        @Option(names = "--seed", defaultValue = "13", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--patience", defaultValue = "2", description = "Early-stopping patience in epochs (default: ${DEFAULT-VALUE}).")
        int patience;

        @Option(names = "--device", defaultValue = "auto", description = "cpu, auto or cuda[:N] (default: ${DEFAULT-VALUE}).")
        String device;

        @Option(names = "--max-documents", defaultValue = "0", description = "At most this many documents per corpus and notes per folder, 0 for all.")
        int maxDocuments;

        @Option(names = "--adaptive-batch", description = "MIN..MAX: grow the batch while the loss keeps falling, shrink it on a plateau, learning rate scaled with it (default: fixed --batch-size).")
        String adaptiveBatch;

        @Option(names = "--install", description = "Copy the best bundle to models/NAME when done (what the pipelines load).")
        boolean install;

        @Option(names = "--resume", description = "Continue the interrupted run in --out.")
        boolean resume;

        @Override
        public Integer call() throws Exception {
            CnlpHome home = parent.parent.home();
            Path corpora = home.requireCorpora();
            List<Path> notes;
            if (unlabelled == null) {
                notes = List.of(corpora.resolve("notes/mtsamples-txt"), corpora.resolve("notes/mts-dialog-txt"));
            } else if (unlabelled.equals(List.of("none"))) {
                notes = List.of();
            } else {
                notes = unlabelled.stream().map(Path::of).toList();
            }
            Path runFolder = out != null ? out : home.work().resolve("models").resolve("student-run");
            Path teacherBundle = teacher != null ? teacher : home.models().resolve("ner-teacher");
            List<String> guidelines = ModelBundle.open(teacherBundle).guidelines();
            StudentConfig config = new StudentConfig(teacherBundle,
                    new StudentSpec(layers, ffn, !keepVocabulary), train != null ? train : withGuidelines(defaultTrain(corpora), guidelines),
                    dev != null ? dev : withGuidelines(defaultDev(corpora), guidelines), notes, runFolder, name, temperature, alpha, hiddenWeight, attentionWeight, !liveTeacher,
                    epochs, batchSize, learningRate, 0.1, 0.01, seed, patience, device, TensorType.F16, maxDocuments, 32,
                    adaptiveBatch == null ? "" : adaptiveBatch);
            TrainingLoop.Result result = new StudentTraining(config, new ConsoleListener()).run(resume);
            printResult(result, runFolder);
            if (install) {
                System.out.println("installed: " + installBundle(result.bundle(), home.models().resolve(name)));
            }
            return 0;
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = {"Teacher and student side by side on PubTator gold files, on the serving path (ONNX Runtime, CPU):",
                    "F1 per type and retention, parameters, bundle size, latency at batch 1 and throughput at batch 32 (sequence 128)."})
    static final class Evaluate implements Callable<Integer> {

        @ParentCommand
        DistillCommand parent;

        @Option(names = "--teacher", description = "Teacher bundle (default: models/ner-teacher).")
        Path teacher;

        @Option(names = "--student", description = "Student bundle (default: models/ner-student).")
        Path student;

        @Option(names = "--gold", split = ",", description = "PubTator gold files (default: NCBI-disease devel and BC5CDR dev).")
        List<String> gold;

        @Option(names = "--json", description = "Also write the report as JSON to this file.")
        Path json;

        @Override
        public Integer call() throws Exception {
            CnlpHome home = parent.parent.home();
            Path corpora = home.requireCorpora();
            ModelBundle teacherBundle = ModelBundle.open(teacher != null ? teacher : home.models().resolve("ner-teacher"));
            List<TrainingCorpus> corpusList = new java.util.ArrayList<>();
            for (String spec : gold != null ? gold : withGuidelines(defaultDev(corpora), teacherBundle.guidelines())) {
                corpusList.add(TrainingCorpus.read(spec, teacherBundle.guidelines()));
            }
            DistillEvaluation.Report report = DistillEvaluation.evaluate(teacherBundle,
                    ModelBundle.open(student != null ? student : home.models().resolve("ner-student")), corpusList,
                    ModelBench.Settings.defaults());
            System.out.print(report.toTable());
            if (json != null) {
                java.nio.file.Files.writeString(json, report.toJson());
                System.out.println("JSON report: " + json);
            }
            return 0;
        }
    }

    static List<String> defaultTrain(Path corpora) {
        return List.of(corpora.resolve("ncbi-disease/NCBItrainset_corpus.txt").toString(),
                corpora.resolve("bc5cdr/CDR_TrainingSet.PubTator.txt").toString());
    }

    /**
     * The default corpora marked with their guidelines when the model has those guidelines:
     * NCBI-disease files follow {@code ncbi-disease}, BC5CDR files {@code bc5cdr}.
     */
    static List<String> withGuidelines(List<String> files, List<String> guidelines) {
        if (guidelines.size() < 2) {
            return files;
        }
        return files.stream().map(f -> {
            Path parent = Path.of(f).getParent();
            String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
            String guideline = folder.equals("ncbi-disease") || folder.equals("bc5cdr") ? folder : null;
            return guideline != null && guidelines.contains(guideline) ? f + "@" + guideline : f;
        }).toList();
    }

    static List<String> defaultDev(Path corpora) {
        return List.of(corpora.resolve("ncbi-disease/NCBIdevelopset_corpus.txt").toString(),
                corpora.resolve("bc5cdr/CDR_DevelopmentSet.PubTator.txt").toString());
    }

    /** Copies a verified bundle to {@code target}, replacing what was there only once the copy is complete. */
    static Path installBundle(Path bundle, Path target) throws java.io.IOException {
        ModelBundle.open(bundle);
        Path staging = target.resolveSibling("." + target.getFileName() + ".installing");
        Path old = target.resolveSibling("." + target.getFileName() + ".old");
        AtomicFiles.deleteTree(staging);
        AtomicFiles.deleteTree(old);
        java.nio.file.Files.createDirectories(staging);
        try (var files = java.nio.file.Files.list(bundle)) {
            for (Path file : files.toList()) {
                java.nio.file.Files.copy(file, staging.resolve(file.getFileName()));
            }
        }
        ModelBundle.open(staging);
        if (java.nio.file.Files.exists(target)) {
            java.nio.file.Files.move(target, old);
        }
        java.nio.file.Files.move(staging, target);
        AtomicFiles.deleteTree(old);
        return target;
    }

    static void printResult(TrainingLoop.Result result, Path runFolder) {
        System.out.printf(Locale.ROOT, "best epoch %d of %d%s, dev score %.4f%n", result.bestEpoch(), result.epochsRun(),
                result.stoppedEarly() ? " (stopped early)" : "", result.bestScore());
        result.bestF1().forEach((key, f1) -> System.out.printf(Locale.ROOT, "  %-40s F1 %.4f%n", key, f1));
        System.out.println("model bundle: " + result.bundle());
        System.out.println("metrics: " + runFolder.resolve("metrics.csv") + ", plot: " + runFolder.resolve("training.png"));
    }

    /** Progress bar per epoch on stderr, a summary line per epoch on stdout. */
    static final class ConsoleListener implements TrainingListener {
        private Progress progress;
        private double lossSum;
        private int losses;

        @Override
        public void message(String text) {
            System.err.println(text);
        }

        @Override
        public void epochStarted(int epoch, int epochs, int steps) {
            System.err.printf(Locale.ROOT, "epoch %d/%d%n", epoch, epochs);
            progress = new Progress("steps", steps, System.err);
            lossSum = 0;
            losses = 0;
        }

        @Override
        public void stepDone(int step, int steps, double loss) {
            lossSum += loss;
            losses++;
            progress.succeeded();
        }

        @Override
        public void evaluating(int epoch) {
            progress.finish();
            System.err.printf(Locale.ROOT, "epoch %d: mean training loss %.4f; tagging the dev sets...%n", epoch, lossSum / Math.max(1, losses));
        }

        @Override
        public void epochDone(EpochMetrics m, boolean improved) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d  loss %.4f  dev score %.4f", m.epoch(),
                    m.trainLoss(), m.devMicroF1()));
            for (Map.Entry<String, Double> e : m.devF1().entrySet()) {
                line.append(String.format(Locale.ROOT, "  %s %.4f", e.getKey(), e.getValue()));
            }
            line.append(String.format(Locale.ROOT, "  (%.0f s)%s", m.seconds(), improved ? "  * best, saved" : ""));
            System.out.println(line);
        }
    }
}
