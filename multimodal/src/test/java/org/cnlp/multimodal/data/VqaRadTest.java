package org.cnlp.multimodal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VqaRadTest {

    private static final Path VQA_RAD = Path.of("../corpora-samples/images/vqa-rad");

    private static List<VqaItem> items;

    @TempDir
    Path temp;

    @BeforeAll
    static void read() throws IOException {
        items = VqaRad.read(VQA_RAD.resolve("trainset.json"));
    }

    @Test
    void readsTheTrainingSet() {
        assertEquals(3064, items.size());
        assertEquals(1823, VqaRad.closedOnly(items).size(), "'CLOSED ' counts as closed");
        assertEquals(1241, VqaRad.openOnly(items).size());
        VqaItem first = items.getFirst();
        assertEquals(new VqaItem(1, "synpic54610.jpg", "HEAD", "Are regions of the brain infarcted?", "yes", true,
                "PRES", "freeform"), first);
        for (VqaItem item : items) {
            assertEquals(VqaItem.normalizeAnswer(item.answer()), item.answer());
            assertTrue(item.hasAnswer(), "qid " + item.qid());
            assertTrue(Files.exists(VqaRad.imagesDir(VQA_RAD).resolve(item.imageName())), item.imageName());
        }
        assertTrue(items.stream().anyMatch(item -> item.answer().equals("4")), "numeric answers become text");
        assertEquals(314, items.stream().map(VqaItem::imageName).distinct().count());
    }

    @Test
    void splitByImageHasNoSharedImageAndIsDeterministic() {
        VqaRad.Split split = VqaRad.splitByImage(items, 0.2, 42);
        assertEquals(items.size(), split.train().size() + split.validation().size());
        Set<String> trainImages = images(split.train());
        Set<String> validationImages = images(split.validation());
        assertEquals(Math.round(0.2 * 314), validationImages.size());
        Set<String> both = new HashSet<>(trainImages);
        both.retainAll(validationImages);
        assertEquals(Set.of(), both);
        assertEquals(split, VqaRad.splitByImage(items, 0.2, 42));
        assertEquals(validationImages, images(VqaRad.splitByImage(items.reversed(), 0.2, 42).validation()),
                "the images chosen do not depend on the item order");
        assertNotEquals(validationImages, images(VqaRad.splitByImage(items, 0.2, 7).validation()));
        assertEquals(0, VqaRad.splitByImage(items, 0.0, 42).validation().size());
        assertThrows(IllegalArgumentException.class, () -> VqaRad.splitByImage(items, 1.5, 42));
    }

    @Test
    void questionOnlyFilesAndAwkwardValues() throws IOException {
        Path file = temp.resolve("questions.json");
        Files.writeString(file, """
                [{"qid": 7, "image_name": "a.jpg", "image_organ": "CHEST", "answer_type": "CLOSED ",
                  "question_type": "PRES", "question": " Is there a mass? ", "phrase_type": "freeform"},
                 {"qid": "8", "image_name": "b.jpg", "answer": "  Left   Lower\\tLobe ", "answer_type": "open",
                  "question": "Where?"},
                 {"qid": 9, "image_name": "c.jpg", "answer": 12, "answer_type": "OPEN", "question": "How many?"}]
                """);
        List<VqaItem> read = VqaRad.read(file);
        assertEquals(new VqaItem(7, "a.jpg", "CHEST", "Is there a mass?", "", true, "PRES", "freeform"), read.get(0));
        assertFalse(read.get(0).hasAnswer());
        assertEquals("left lower lobe", read.get(1).answer());
        assertEquals(8, read.get(1).qid());
        assertFalse(read.get(1).closed());
        assertEquals("12", read.get(2).answer());
    }

    @Test
    void malformedFilesNameTheFile() throws IOException {
        Path broken = temp.resolve("broken-questions.json");
        Files.writeString(broken, "[{\"qid\": 1, \"image_name\": \"a.jpg\", ");
        IOException e = assertThrows(IOException.class, () -> VqaRad.read(broken));
        assertTrue(e.getMessage().contains("broken-questions.json") && e.getMessage().contains("not valid JSON"),
                e.getMessage());

        Path noQid = temp.resolve("no-qid.json");
        Files.writeString(noQid, "[{\"image_name\": \"a.jpg\", \"question\": \"Is it?\"}]");
        e = assertThrows(IOException.class, () -> VqaRad.read(noQid));
        assertTrue(e.getMessage().contains("no-qid.json") && e.getMessage().contains("'qid'"), e.getMessage());

        Path noQuestion = temp.resolve("no-question.json");
        Files.writeString(noQuestion, "[{\"qid\": 3, \"image_name\": \"a.jpg\"}]");
        e = assertThrows(IOException.class, () -> VqaRad.read(noQuestion));
        assertTrue(e.getMessage().contains("qid 3") && e.getMessage().contains("'question'"), e.getMessage());

        Path notAList = temp.resolve("object.json");
        Files.writeString(notAList, "{\"qid\": 1}");
        assertTrue(assertThrows(IOException.class, () -> VqaRad.read(notAList)).getMessage().contains("object.json"));

        Path trailing = temp.resolve("trailing.json");
        Files.writeString(trailing, "[] []");
        assertTrue(assertThrows(IOException.class, () -> VqaRad.read(trailing)).getMessage().contains("trailing.json"));
    }

    private static Set<String> images(List<VqaItem> of) {
        return of.stream().map(VqaItem::imageName).collect(Collectors.toSet());
    }
}
