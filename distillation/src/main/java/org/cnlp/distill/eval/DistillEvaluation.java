package org.cnlp.distill.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cnlp.distill.data.TrainingCorpus;
import org.cnlp.model.bench.ModelBench;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.ner.NerTagger;
import org.cnlp.pipeline.eval.NerReport;

/**
 * Teacher and student side by side, measured in one run on the serving path (ONNX Runtime on
 * CPU, the engine the annotators use): F1 per corpus and type and the student's retention,
 * parameters, bundle bytes, latency at batch 1 and throughput at batch 32 (sequence 128).
 */
public final class DistillEvaluation {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DistillEvaluation() {}

    /** One corpus and type: F1 of each model and the ratio. */
    public record Score(String corpus, String type, double teacherF1, double studentF1) {
        public double retention() {
            return teacherF1 == 0 ? Double.NaN : studentF1 / teacherF1;
        }
    }

    /** Speed and size of one model. */
    public record Model(String id, long parameters, long bundleBytes, double latencyMs, double sequencesPerSecond) {}

    /** The comparison. */
    public record Report(Model teacher, Model student, List<Score> scores) {

        public double parameterRatio() {
            return (double) student.parameters() / teacher.parameters();
        }

        public double throughputRatio() {
            return student.sequencesPerSecond() / teacher.sequencesPerSecond();
        }

        public double latencyRatio() {
            return teacher.latencyMs() / student.latencyMs();
        }

        public String toTable() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%-28s %-10s %10s %10s %10s%n", "corpus", "type", "teacher F1", "student F1", "retention"));
            for (Score s : scores) {
                out.append(String.format(Locale.ROOT, "%-28s %-10s %10.4f %10.4f %9.1f%%%n", s.corpus(), s.type(), s.teacherF1(),
                        s.studentF1(), 100 * s.retention()));
            }
            out.append(String.format(Locale.ROOT, "%n%-10s %-32s %12s %12s %14s %14s%n", "model", "id", "parameters", "bundle MB",
                    "b1 latency ms", "b32 seq/s"));
            for (var entry : List.of(List.of("teacher", teacher), List.of("student", student))) {
                Model m = (Model) entry.get(1);
                out.append(String.format(Locale.ROOT, "%-10s %-32s %12d %12.1f %14.1f %14.1f%n", entry.get(0), m.id(), m.parameters(),
                        m.bundleBytes() / 1e6, m.latencyMs(), m.sequencesPerSecond()));
            }
            out.append(String.format(Locale.ROOT, "student/teacher: parameters %.1f%%, throughput %.2fx, latency %.2fx better%n",
                    100 * parameterRatio(), throughputRatio(), latencyRatio()));
            return out.toString();
        }

        public String toJson() {
            ObjectNode root = JSON.createObjectNode();
            root.set("teacher", JSON.valueToTree(teacher));
            root.set("student", JSON.valueToTree(student));
            ArrayNode rows = root.putArray("scores");
            for (Score s : scores) {
                rows.addObject().put("corpus", s.corpus()).put("type", s.type()).put("teacherF1", s.teacherF1())
                        .put("studentF1", s.studentF1()).put("retention", s.retention());
            }
            root.put("parameterRatio", parameterRatio());
            root.put("throughputRatio", throughputRatio());
            root.put("latencyRatio", latencyRatio());
            root.put("engine", ModelBench.SERVING_ENGINE);
            try {
                return JSON.writeValueAsString(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The student's index of the teacher's guideline {@code teacherIndex} (a student distilled from
     * the teacher has the same ones); 0 for a student trained under one.
     */
    private static int sameGuideline(ModelBundle teacher, ModelBundle student, int teacherIndex) {
        if (teacher.guidelines().isEmpty() || student.guidelines().isEmpty()) {
            return 0;
        }
        String name = teacher.guidelines().get(teacherIndex);
        int index = student.guidelines().indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("the student has no guideline '" + name + "' of the teacher; it has " + student.guidelines());
        }
        return index;
    }

    /**
     * Scores both models on the gold corpora, each tagged under its gold's guideline
     * ({@link TrainingCorpus#guideline()}, an index into the teacher's), and measures their speed
     * (the settings' sequence length and batch).
     */
    public static Report evaluate(ModelBundle teacher, ModelBundle student, List<TrainingCorpus> gold, ModelBench.Settings settings) {
        List<Score> scores = new ArrayList<>();
        try (NerTagger t = NerTagger.load(teacher, "onnxruntime", "cpu", 32);
             NerTagger s = NerTagger.load(student, "onnxruntime", "cpu", 32)) {
            for (TrainingCorpus corpus : gold) {
                NerReport tr = DevEvaluation.report(t, corpus.documents(), corpus.guideline());
                NerReport sr = DevEvaluation.report(s, corpus.documents(), sameGuideline(teacher, student, corpus.guideline()));
                for (String type : teacher.scheme().types()) {
                    if (corpus.annotatedTypes().contains(type)) {
                        scores.add(new Score(corpus.name(), type, tr.counts(type).f1(), sr.counts(type).f1()));
                    }
                }
            }
        }
        double[] teacherSpeed = ModelBench.servingSpeed(teacher, settings);
        double[] studentSpeed = ModelBench.servingSpeed(student, settings);
        return new Report(new Model(teacher.id(), teacher.parameterCount(), teacher.bytes(), teacherSpeed[0], teacherSpeed[1]),
                new Model(student.id(), student.parameterCount(), student.bytes(), studentSpeed[0], studentSpeed[1]), scores);
    }
}
