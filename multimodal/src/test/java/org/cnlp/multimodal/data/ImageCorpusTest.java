package org.cnlp.multimodal.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCorpusTest {

    private static final Path IMAGES = Path.of("../corpora-samples/images");

    private static ImageCorpus corpus;

    @BeforeAll
    static void load() throws IOException {
        corpus = ImageCorpus.load(IMAGES, 32, null);
    }

    @Test
    void everyTaskHasBothSplits() {
        for (ImageTask task : ImageTask.values()) {
            assertTrue(corpus.train(task).size() > 0, task.id());
            assertTrue(corpus.validation(task).size() > 0, task.id());
            for (List<ImageSample> split : List.of(corpus.train(task), corpus.validation(task))) {
                Set<Integer> labels = new HashSet<>();
                for (ImageSample sample : split) {
                    assertEquals(task.id(), sample.task());
                    assertEquals(32, sample.size());
                    assertEquals(32 * 32, sample.pixels().length);
                    labels.add(sample.label());
                }
                assertEquals(task.classNames().size(), labels.size(), task.id() + ": every class in every split");
            }
        }
        assertEquals(0, corpus.skipped(), corpus.warnings().toString());
        assertTrue(corpus.describe().contains("cxr-abnormal"), corpus.describe());
    }

    @Test
    void countsMatchTheDataSets() {
        assertEquals(4800, total(ImageTask.MODALITY));
        assertEquals(1000, total(ImageTask.CXR_ABNORMAL));
        assertEquals(3882, corpus.train(ImageTask.PNEUMONIA).size());
        assertEquals(524, corpus.validation(ImageTask.PNEUMONIA).size());
        assertEquals(546, corpus.train(ImageTask.BREAST).size());
        assertEquals(78, corpus.validation(ImageTask.BREAST).size());
        double mednistValidation = corpus.validation(ImageTask.MODALITY).size() / 4800.0;
        assertTrue(mednistValidation > 0.17 && mednistValidation < 0.23, "about 20%: " + mednistValidation);
    }

    @Test
    void nihIsSplitByPatient() throws IOException {
        Map<String, String> patientByPath = new HashMap<>();
        for (NihChestXrays.Row row : NihChestXrays.read(IMAGES.resolve("nih-cxr-1000/nih1000_labels.csv"))) {
            patientByPath.put("nih-cxr-1000/" + row.path(), row.patientId());
        }
        Set<String> trainPatients = patients(corpus.train(ImageTask.CXR_ABNORMAL), patientByPath);
        Set<String> validationPatients = patients(corpus.validation(ImageTask.CXR_ABNORMAL), patientByPath);
        assertTrue(trainPatients.size() > 100 && validationPatients.size() > 20, trainPatients.size() + " / "
                + validationPatients.size());
        Set<String> both = new HashSet<>(trainPatients);
        both.retainAll(validationPatients);
        assertEquals(Set.of(), both, "no patient in both splits");
    }

    @Test
    void loadingIsDeterministic() throws IOException {
        ImageCorpus again = ImageCorpus.load(IMAGES, 32, null);
        for (ImageTask task : ImageTask.values()) {
            assertSame(corpus.train(task), again.train(task));
            assertSame(corpus.validation(task), again.validation(task));
        }
        assertEquals(corpus.describe(), again.describe());
    }

    @Test
    void badFilesAreSkippedAndCounted(@TempDir Path temp) throws IOException {
        Path mednist = temp.resolve(ImageCorpus.MEDNIST);
        for (String modality : ImageTask.MODALITY.classNames()) {
            Path folder = Files.createDirectories(mednist.resolve(modality));
            Files.copy(IMAGES.resolve(ImageCorpus.MEDNIST).resolve(modality).resolve("000000.jpeg"),
                    folder.resolve("000000.jpeg"));
        }
        Files.writeString(mednist.resolve("CXR/broken.jpeg"), "not a picture");
        Path nih = Files.createDirectories(temp.resolve(ImageCorpus.NIH).resolve("NIH1000/train/0_normal"));
        Files.copy(IMAGES.resolve("nih-cxr-1000/NIH1000/train/0_normal/00000002_000.png"), nih.resolve("00000002_000.png"));
        Files.copy(IMAGES.resolve("nih-cxr-1000/NIH1000/train/0_normal/00000005_000.png"), nih.resolve("unlisted.png"));
        Files.writeString(temp.resolve(ImageCorpus.NIH).resolve(ImageCorpus.NIH_LABELS), String.join("\n",
                String.join(",", NihChestXrays.COLUMNS),
                "NIH1000/train/0_normal/00000002_000.png,train,0_normal,No Finding,2,80,M,PA",
                "NIH1000/train/0_normal/missing.png,train,0_normal,No Finding,3,80,M,PA", ""));
        Files.copy(IMAGES.resolve(ImageCorpus.PNEUMONIA_NPZ), temp.resolve(ImageCorpus.PNEUMONIA_NPZ));
        Files.copy(IMAGES.resolve(ImageCorpus.BREAST_NPZ), temp.resolve(ImageCorpus.BREAST_NPZ));

        ImageCorpus small = ImageCorpus.load(temp, 16, null);
        assertEquals(3, small.skipped(), small.warnings().toString());
        assertTrue(small.warnings().stream().anyMatch(w -> w.contains("unlisted.png") && w.contains("no patient id")));
        assertTrue(small.warnings().stream().anyMatch(w -> w.contains("CXR/broken.jpeg") && w.contains("NOT_AN_IMAGE")));
        assertTrue(small.warnings().stream().anyMatch(w -> w.contains("missing.png") && w.contains("UNREADABLE")));
        assertEquals(6, total(small, ImageTask.MODALITY));
        assertEquals(1, total(small, ImageTask.CXR_ABNORMAL));
        assertEquals(16 * 16, small.train(ImageTask.BREAST).getFirst().pixels().length);
    }

    @Test
    void missingDataIsAnError(@TempDir Path temp) {
        IOException e = assertThrows(IOException.class, () -> ImageCorpus.load(temp, 32, null));
        assertTrue(e.getMessage().contains(ImageCorpus.MEDNIST), e.getMessage());
        assertThrows(IOException.class, () -> ImageCorpus.load(temp.resolve("absent"), 32, null));
    }

    private static void assertSame(List<ImageSample> expected, List<ImageSample> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).id(), actual.get(i).id());
            assertEquals(expected.get(i).label(), actual.get(i).label());
            assertArrayEquals(expected.get(i).pixels(), actual.get(i).pixels(), expected.get(i).id());
        }
    }

    private static Set<String> patients(List<ImageSample> samples, Map<String, String> patientByPath) {
        return samples.stream().map(sample -> {
            String patient = patientByPath.get(sample.id());
            if (patient == null) {
                throw new AssertionError("no patient for " + sample.id());
            }
            return patient;
        }).collect(Collectors.toSet());
    }

    private static int total(ImageTask task) {
        return total(corpus, task);
    }

    private static int total(ImageCorpus of, ImageTask task) {
        return of.train(task).size() + of.validation(task).size();
    }
}
