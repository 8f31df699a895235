package org.cnlp.distill.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnlp.distill.TinyModels;
import org.cnlp.distill.data.TrainingCorpus;
import org.cnlp.distill.eval.DistillEvaluation;
import org.cnlp.model.bench.ModelBench;
import org.cnlp.distill.teacher.TeacherConfig;
import org.cnlp.distill.teacher.TeacherTraining;
import org.cnlp.distill.teacher.TrainingListener;
import org.cnlp.distill.train.TrainingLoop;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.weights.Safetensors;
import org.cnlp.model.weights.TensorType;
import org.cnlp.model.weights.WeightSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudentTrainingTest {

    @TempDir
    static Path shared;
    static Path teacher;
    static Path train;
    static Path dev;
    static Path notes;

    @BeforeAll
    static void trainTinyTeacher() throws Exception {
        Path base = TinyModels.baseModel(shared.resolve("base"), 11);
        train = TinyModels.corpus(shared.resolve("train.txt"), 60, 2, true);
        dev = TinyModels.corpus(shared.resolve("dev.txt"), 20, 3, true);
        notes = Files.createDirectories(shared.resolve("notes"));
        for (int i = 0; i < 5; i++) {
            Files.writeString(notes.resolve("n" + i + ".txt"), "patients with gout were treated with insulin.\nwe report severe asthma after"
                    + " lithium and no signs of colitis.");
        }
        TrainingLoop.Result result = new TeacherTraining(new TeacherConfig(base.toString(), List.of(train.toString()),
                List.of(dev.toString()), List.of("Disease", "Chemical"), shared.resolve("teacher-run"), "tiny-teacher", 6, 8, 3e-3, 0.1,
                0.01, 32, 42, 3, "cpu", TensorType.F32, 0, 16, "", List.of()), TrainingListener.NONE).run(false);
        assertTrue(result.bestScore() > 0.9, "the tiny teacher learns: " + result.bestF1());
        teacher = result.bundle();
    }

    private static StudentConfig config(Path out, int epochs, boolean cache, double hiddenWeight, List<Path> unlabelled) {
        return config(out, epochs, cache, hiddenWeight, 0, unlabelled);
    }

    private static StudentConfig config(Path out, int epochs, boolean cache, double hiddenWeight, double attentionWeight,
            List<Path> unlabelled) {
        return new StudentConfig(teacher, new StudentSpec(List.of(1), 32, true), List.of(train.toString()), List.of(dev.toString()),
                unlabelled, out, "tiny-student", 3, 0.7, hiddenWeight, attentionWeight, cache, epochs, 8, 3e-3, 0.1, 0.01, 5, 3, "cpu", TensorType.F32, 0,
                16, "");
    }

    @Test
    void aHalfDepthStudentWithPrunedFeedForwardKeepsTheTeachersAccuracy() throws Exception {
        TrainingLoop.Result result = new StudentTraining(config(shared.resolve("student"), 4, true, 0, List.of(notes)),
                TrainingListener.NONE).run(false);
        ModelBundle student = ModelBundle.open(result.bundle());
        ModelBundle master = ModelBundle.open(teacher);
        assertEquals(1, student.config().numLayers());
        assertEquals(32, student.config().intermediateSize());
        assertTrue(student.config().vocabSize() <= master.config().vocabSize());
        assertTrue(student.parameterCount() < 0.75 * master.parameterCount(), student.parameterCount() + " vs " + master.parameterCount());
        assertTrue(result.bestScore() > 0.9, "student dev score " + result.bestF1());
        assertEquals(master.id(), student.manifest().path("base").asText());
        assertTrue(Files.exists(shared.resolve("student/teacher-logits.safetensors")));

        DistillEvaluation.Report report = DistillEvaluation.evaluate(master, student,
                List.of(TrainingCorpus.read(dev.toString())), new ModelBench.Settings(16, 4, 2, 2, 1, 1));
        assertEquals(2, report.scores().size(), report.toTable());
        assertTrue(report.scores().stream().allMatch(sc -> sc.retention() > 0.9), report.toTable());
        assertTrue(report.parameterRatio() < 0.75 && report.student().sequencesPerSecond() > 0, report.toTable());
        assertTrue(report.toJson().contains("\"retention\""));
    }

    @Test
    void cachedAndLiveTeacherOutputsGiveTheSameStudent() throws Exception {
        new StudentTraining(config(shared.resolve("cached"), 1, true, 0, List.of()), TrainingListener.NONE).run(false);
        new StudentTraining(config(shared.resolve("live"), 1, false, 0, List.of()), TrainingListener.NONE).run(false);
        WeightSet a = Safetensors.read(shared.resolve("cached/checkpoint/weights.safetensors"));
        WeightSet b = Safetensors.read(shared.resolve("live/checkpoint/weights.safetensors"));
        for (String name : a.names()) {
            assertEquals(0f, a.get(name).maxAbsDifference(b.get(name)), name);
        }
        assertFalse(Files.exists(shared.resolve("live/teacher-logits.safetensors")));
    }

    @Test
    void hiddenStateAndAttentionTransferTrainProjectionsThatStayOutOfTheBundle() throws Exception {
        TrainingLoop.Result result = new StudentTraining(config(shared.resolve("hidden"), 1, true, 1.0, 1.0, List.of()),
                TrainingListener.NONE).run(false);
        WeightSet checkpoint = Safetensors.read(shared.resolve("hidden/checkpoint/weights.safetensors"));
        assertTrue(checkpoint.contains("objective.projection.0.weight"));
        assertFalse(ModelBundle.open(result.bundle()).weights().contains("objective.projection.0.weight"));
    }
}
