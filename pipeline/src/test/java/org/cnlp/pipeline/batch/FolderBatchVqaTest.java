package org.cnlp.pipeline.batch;

import static org.cnlp.pipeline.batch.BatchFolders.files;
import static org.cnlp.pipeline.batch.BatchFolders.old;
import static org.cnlp.pipeline.batch.BatchFolders.outputs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.cnlp.pipeline.run.PipelineRunner;
import org.cnlp.pipeline.vqa.FakeVqaAnnotator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder batch over image + question documents, with a stand-in VQA annotator (the real one
 * is in the multimodal module, whose tests run the same route with it).
 */
class FolderBatchVqaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void imageDocumentsAreAnsweredOrFailAndTheirImagesFollowThem() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        byte[] jpeg = FakeVqaAnnotator.jpeg();
        old(in.resolve("cases/case1.jpg"), jpeg);
        old(in.resolve("cases/case1.json"), """
                {"id": "case1", "imageFile": "case1.jpg", "text": "CXR.",
                 "questions": ["Is there an effusion?", {"id": "q2", "question": "What organ is shown?"}]}""");
        String truncated64 = Base64.getEncoder().encodeToString(Arrays.copyOf(jpeg, 5));
        old(in.resolve("case2.json"), "{\"id\": \"case2\", \"image\": \"" + truncated64
                + "\", \"questions\": [\"Is there an effusion?\"]}");
        old(in.resolve("case3.json"),
                "{\"id\": \"case3\", \"image\": \"@@not base64@@\", \"questions\": [\"Is there an effusion?\"]}");
        old(in.resolve("lone.png"), jpeg);
        old(in.resolve("note.txt"), "Denies chest pain.");

        BatchSummary summary = run(in, out, 2, Duration.ZERO, () -> { });

        assertEquals(Set.of("cases/case1.json", "note.json"), outputs(out));
        JsonNode case1 = JSON.readTree(out.resolve("cases/case1.json").toFile());
        assertEquals("1.1", case1.get("version").asText());
        assertEquals("case1.jpg", case1.at("/vqa/image/id").asText());
        assertEquals("yes", case1.at("/vqa/answers/0/answer").asText());
        assertEquals("q2", case1.at("/vqa/answers/1/questionId").asText());
        assertEquals("brain", case1.at("/vqa/answers/1/answer").asText());
        assertFalse(JSON.readTree(out.resolve("note.json").toFile()).has("vqa"));

        assertEquals(Set.of("lone.png"), files(in, false), "only the image no document names is left");
        assertTrue(Files.exists(in.resolve(".done/cases/case1.json")));
        assertTrue(Files.exists(in.resolve(".done/cases/case1.jpg")), "the image followed its document");
        assertTrue(Files.exists(in.resolve(".error/case2.json")));
        JsonNode truncated = JSON.readTree(in.resolve(".error/case2.json.error.json").toFile());
        assertEquals("ANNOTATE", truncated.get("stage").asText());
        assertEquals(BatchFailure.ANNOTATION_FAILED, truncated.get("reason").asText());
        assertEquals("case2", truncated.get("documentId").asText());
        assertTrue(truncated.get("message").asText().contains("cannot be read (TRUNCATED)"), truncated.toString());
        JsonNode malformed = JSON.readTree(in.resolve(".error/case3.json.error.json").toFile());
        assertEquals("VALIDATE", malformed.get("stage").asText());
        assertEquals("MALFORMED", malformed.get("reason").asText());
        assertTrue(malformed.get("message").asText().contains("/image: not valid base64"), malformed.toString());
        for (JsonNode report : new JsonNode[] {truncated, malformed}) {
            assertFalse(report.toString().contains("effusion"), "no question text in reports: " + report);
        }

        assertEquals(2, summary.inputsDone());
        assertEquals(2, summary.inputsFailed());
        assertEquals(1, summary.imagesLeft());
        assertEquals(1, summary.toJson().at("/counts/imagesLeft").asLong());
        assertTrue(summary.toText().contains("images: 1 image files left in the inbox, named by no JSON document"),
                summary.toText());
        assertTrue(summary.models().contains(FakeVqaAnnotator.MODEL_ID), summary.models().toString());
    }

    @Test
    void inputsSharingAnImageAreAllAnsweredWhicheverFinishesFirst() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        old(in.resolve("cases/shared.jpg"), FakeVqaAnnotator.jpeg());
        for (String id : List.of("a", "b", "c")) {
            old(in.resolve("cases/" + id + ".json"), "{\"id\": \"" + id + "\", \"imageFile\": \"shared.jpg\","
                    + " \"questions\": [\"Is there an effusion?\"]}");
        }
        // One thread: the first input moves the image to .done/ before the others are read.
        BatchSummary summary = run(in, out, 1, Duration.ZERO, () -> { });
        assertEquals(Set.of("cases/a.json", "cases/b.json", "cases/c.json"), outputs(out));
        for (String id : List.of("a", "b", "c")) {
            assertEquals("yes", JSON.readTree(out.resolve("cases/" + id + ".json").toFile()).at("/vqa/answers/0/answer").asText());
        }
        assertEquals(3, summary.inputsDone());
        assertEquals(0, summary.inputsFailed());
        assertEquals(Set.of(), files(in, false), "nothing left in the inbox");
        assertTrue(Files.exists(in.resolve(".done/cases/shared.jpg")));
    }

    @Test
    void anInputWaitsWhileTheImageItNamesIsStillBeingWritten() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        byte[] jpeg = FakeVqaAnnotator.jpeg();
        Path image = in.resolve("scan.jpg");
        Files.createDirectories(in);
        Files.write(image, new byte[0]); // created just now, nothing written yet
        old(in.resolve("scan.json"), "{\"id\": \"scan\", \"imageFile\": \"scan.jpg\", \"questions\": [\"Is there an effusion?\"]}");
        BatchSummary summary = run(in, out, 1, Duration.ofMillis(1500), () -> {
            Thread.sleep(200);
            Files.write(image, jpeg); // the rest arrives; the image settles 1.5 s later
        });
        assertEquals(1, summary.inputsDone(), "taken once the image had settled, not failed as empty or truncated");
        assertEquals(0, summary.inputsFailed());
        assertEquals("yes", JSON.readTree(out.resolve("scan.json").toFile()).at("/vqa/answers/0/answer").asText());
    }

    @Test
    void anImageOfTheSameNameThatAnEarlierRunMovedIsNeverReadForANewInput() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        old(in.resolve(".done/scan.jpg"), FakeVqaAnnotator.jpeg()); // yesterday's image of another patient
        old(in.resolve("today.json"), "{\"id\": \"today\", \"imageFile\": \"scan.jpg\", \"questions\": [\"Q?\"]}");
        BatchSummary summary = run(in, out, 1, Duration.ZERO, () -> { });
        assertEquals(1, summary.inputsFailed());
        JsonNode report = JSON.readTree(in.resolve(".error/today.json.error.json").toFile());
        assertEquals("MALFORMED", report.get("reason").asText());
        assertTrue(report.get("message").asText().contains("does not exist"), report.toString());
    }

    /** While the batch runs in the background. */
    @FunctionalInterface
    private interface During {
        void run() throws Exception;
    }

    /** Runs a folder batch over {@code in} with the stand-in VQA step until the inbox has drained. */
    private static BatchSummary run(Path in, Path out, int threads, Duration settle, During during) throws Exception {
        FolderBatchConfig config = FolderBatchConfig.builder(in, out).threads(threads).pollInterval(Duration.ofMillis(20))
                .settleTime(settle).build();
        try (PipelineRunner runner = PipelineRunner.create(
                AnalysisEngineFactory.createEngineDescription(FakeVqaAnnotator.class), threads);
             FolderBatch batch = FolderBatch.open(config, runner, RunInfo.of("vqa"))) {
            batch.start();
            during.run();
            assertTrue(batch.await(Duration.ofSeconds(30)), "the inbox drains (an image no document names does not hold it)");
            batch.stop();
            return batch.summary();
        }
    }
}
