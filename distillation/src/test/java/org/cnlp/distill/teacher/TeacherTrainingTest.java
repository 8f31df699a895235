package org.cnlp.distill.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnlp.distill.TinyModels;
import org.cnlp.distill.data.TrainingCorpus;
import org.cnlp.distill.train.TrainingLoop;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.ner.NerSpan;
import org.cnlp.model.ner.NerTagger;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.Safetensors;
import org.cnlp.model.weights.TensorType;
import org.cnlp.model.weights.WeightSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherTrainingTest {

    @TempDir
    static Path shared;
    static Path base;
    static Path diseasesOnly;
    static Path both;
    static Path dev;

    @BeforeAll
    static void data() throws Exception {
        base = TinyModels.baseModel(shared.resolve("base"), 11);
        diseasesOnly = TinyModels.corpus(shared.resolve("diseases.txt"), 40, 1, false);
        both = TinyModels.corpus(shared.resolve("both.txt"), 40, 2, true);
        dev = TinyModels.corpus(shared.resolve("dev.txt"), 20, 3, true);
    }

    private static TeacherConfig config(Path out, int epochs, double lr) {
        return config(out, epochs, lr, "");
    }

    private static TeacherConfig config(Path out, int epochs, double lr, String adaptive) {
        return new TeacherConfig(base.toString(), List.of(diseasesOnly.toString(), both.toString()), List.of(dev.toString()),
                List.of("Disease", "Chemical"), out, "tiny-teacher", epochs, 8, lr, 0.1, 0.01, 32, 42, 3, "cpu", TensorType.F16, 0, 16, adaptive,
                List.of());
    }

    @Test
    void learnsBothTypesFromPartiallyLabelledCorporaAndWritesABundleLogAndPlot() throws Exception {
        Path out = shared.resolve("run");
        List<String> messages = new ArrayList<>();
        TrainingLoop.Result result = new TeacherTraining(config(out, 6, 3e-3), new TrainingListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        }).run(false);

        assertTrue(result.bestScore() > 0.9, "dev score " + result.bestScore() + " " + result.bestF1());
        assertTrue(result.bestF1().get("dev/Chemical") > 0.9, "chemicals learnt from the corpus that marks them: " + result.bestF1());
        ModelBundle bundle = ModelBundle.open(result.bundle());
        assertEquals(List.of("O", "B-Disease", "I-Disease", "B-Chemical", "I-Chemical"), bundle.scheme().tags());
        assertTrue(bundle.id().startsWith("tiny-teacher@"));
        assertEquals(result.bestEpoch(), bundle.manifest().path("training").path("epoch").asInt());
        try (NerTagger tagger = NerTagger.load(bundle, "cpu", 4)) {
            String text = "patients with gout were treated with heparin.";
            List<NerSpan> spans = tagger.tag(text);
            assertEquals(List.of("gout", "heparin"), spans.stream().map(s -> text.substring(s.begin(), s.end())).toList());
            assertEquals(List.of("Disease", "Chemical"), spans.stream().map(NerSpan::type).toList());
        }
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(1 + result.epochsRun(), csv.size(), String.join("\n", csv));
        assertTrue(Files.size(out.resolve("training.png")) > 1000);
        assertTrue(messages.stream().anyMatch(m -> m.contains("annotates [Disease]")), messages.toString());
    }

    /**
     * Two corpora that mark the same diseases differently ("severe gout" against "gout") teach one
     * model two guidelines when each trains under its own: the tagger follows the one it is given.
     */
    @Test
    void corporaWithDifferentGuidelinesAreLearntApart() throws Exception {
        Path plain = TinyModels.corpus(shared.resolve("plain.txt"), 60, 5, true);
        Path withModifiers = shared.resolve("modifiers.txt");
        Files.writeString(withModifiers, TinyModels.withModifiers(Files.readString(plain), "severe "));
        Path devWithModifiers = shared.resolve("dev-modifiers.txt");
        Files.writeString(devWithModifiers, TinyModels.withModifiers(Files.readString(dev), "severe "));
        Path out = shared.resolve("guidelines");
        TeacherConfig config = new TeacherConfig(base.toString(), List.of(plain.toString(), withModifiers + "@long"),
                List.of(dev + "@short", devWithModifiers + "@long"), List.of("Disease", "Chemical"), out, "tiny-teacher", 14, 8, 5e-3, 0.1,
                0.01, 32, 42, 14, "cpu",
                TensorType.F16, 0, 16, "", List.of("short", "long"));
        List<String> messages = new ArrayList<>();
        TrainingLoop.Result result = new TeacherTraining(config, new TrainingListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        }).run(false);

        assertTrue(messages.stream().anyMatch(m -> m.startsWith("train modifiers") && m.endsWith("guideline long")), messages.toString());
        ModelBundle bundle = ModelBundle.open(result.bundle());
        assertEquals(List.of("short", "long"), bundle.guidelines());
        List<String> texts = org.cnlp.pipeline.io.pubtator.PubTatorReader.readAll(dev).stream()
                .map(org.cnlp.pipeline.io.pubtator.PubTatorDocument::text).toList();
        long severe = texts.stream().mapToLong(t -> t.split("severe ", -1).length - 1).sum();
        assertEquals(0, withModifier(bundle, "", texts), "the first guideline is the default");
        assertEquals(0, withModifier(bundle, "short", texts));
        long underLong = withModifier(bundle, "long", texts);
        assertTrue(underLong >= severe * 3 / 4, underLong + " of " + severe + " diseases after 'severe' include it under 'long'\n"
                + Files.readString(out.resolve("metrics.csv")));
        String text = texts.getFirst();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> withModifier(bundle, "ncbi", List.of(text)));
        assertTrue(unknown.getMessage().contains("short, long"), unknown.getMessage());
        IllegalArgumentException unnamed = assertThrows(IllegalArgumentException.class, () -> TrainingCorpus.read(plain + "@long"));
        assertTrue(unnamed.getMessage().contains("not named"), unnamed.getMessage());
        Path atSign = Files.copy(plain, shared.resolve("plain@v2.txt"));
        assertEquals(60, TrainingCorpus.read(atSign.toString()).documents().size(), "an '@' of the file's own name is no guideline");
        assertEquals(1, TrainingCorpus.read(atSign + "@long", List.of("short", "long")).guideline());
        assertEquals(1, TrainingCorpus.read(atSign + ":Disease@long", List.of("short", "long")).guideline());
    }

    /** How many entities the model finds that start with "severe " in the texts, under a guideline. */
    private static long withModifier(ModelBundle bundle, String guideline, List<String> texts) {
        try (NerTagger tagger = NerTagger.load(bundle, "pytorch", "cpu", 4, null, guideline)) {
            List<List<NerSpan>> spans = tagger.tag(texts);
            long count = 0;
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                count += spans.get(i).stream().filter(s -> text.startsWith("severe ", s.begin())).count();
            }
            return count;
        }
    }

    @Test
    void aResumedRunEndsWithExactlyTheWeightsOfAnUninterruptedOne() throws Exception {
        Path straight = shared.resolve("straight");
        new TeacherTraining(config(straight, 2, 1e-3), TrainingListener.NONE).run(false);
        Path interrupted = shared.resolve("interrupted");
        TrainingLoop.Result first = new TeacherTraining(config(interrupted, 2, 1e-3), new TrainingListener() {
            @Override
            public boolean stopRequested() {
                return true;
            }
        }).run(false);
        assertEquals(1, first.epochsRun());
        IllegalStateException again = assertThrows(IllegalStateException.class,
                () -> new TeacherTraining(config(interrupted, 2, 1e-3), TrainingListener.NONE).run(false));
        assertTrue(again.getMessage().contains("--resume"), again.getMessage());
        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> new TeacherTraining(config(interrupted, 2, 5e-3), TrainingListener.NONE).run(true));
        assertTrue(other.getMessage().contains("other settings"), other.getMessage());

        new TeacherTraining(config(interrupted, 2, 1e-3), TrainingListener.NONE).run(true);

        WeightSet a = Safetensors.read(straight.resolve("checkpoint/weights.safetensors"));
        WeightSet b = Safetensors.read(interrupted.resolve("checkpoint/weights.safetensors"));
        assertEquals(a.names(), b.names());
        for (String name : a.names()) {
            HostTensor x = a.get(name);
            assertEquals(0f, x.maxAbsDifference(b.get(name)), name);
        }
        assertEquals(Files.readAllLines(straight.resolve("metrics.csv")).size(), Files.readAllLines(interrupted.resolve("metrics.csv")).size());
    }

    @Test
    void anAdaptiveBatchRunResumesExactlyToo() throws Exception {
        Path straight = shared.resolve("adaptive-straight");
        new TeacherTraining(config(straight, 2, 1e-3, "2..16"), TrainingListener.NONE).run(false);
        Path interrupted = shared.resolve("adaptive-interrupted");
        new TeacherTraining(config(interrupted, 2, 1e-3, "2..16"), new TrainingListener() {
            @Override
            public boolean stopRequested() {
                return true;
            }
        }).run(false);
        new TeacherTraining(config(interrupted, 2, 1e-3, "2..16"), TrainingListener.NONE).run(true);
        WeightSet a = Safetensors.read(straight.resolve("checkpoint/weights.safetensors"));
        WeightSet b = Safetensors.read(interrupted.resolve("checkpoint/weights.safetensors"));
        for (String name : a.names()) {
            assertEquals(0f, a.get(name).maxAbsDifference(b.get(name)), name);
        }
        String state = Files.readString(interrupted.resolve("checkpoint/state.json"));
        assertTrue(state.contains("\"batchSize\"") && state.contains("\"examplesSeen\""), state);
    }
}
