package org.cnlp.multimodal.uima;

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
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cnlp.annotators.pipelines.PipelineCatalog;
import org.cnlp.annotators.pipelines.PipelineContext;
import org.cnlp.annotators.pipelines.PipelineFactory;
import org.cnlp.pipeline.batch.BatchSummary;
import org.cnlp.pipeline.batch.FolderBatch;
import org.cnlp.pipeline.batch.FolderBatchConfig;
import org.cnlp.pipeline.batch.RunInfo;
import org.cnlp.pipeline.run.PipelineRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the folder batch of the pipeline module with a pipeline built from a pipelines file
 * holding the {@code vqa} step, over an inbox with a real VQA-RAD JPEG named by its JSON document
 * and a truncated image sent inline.
 */
class VqaFolderBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aBatchAnswersTheGoodImageAndSendsTheTruncatedOneToErrorWithItsReason() throws Exception {
        Path models = dir.resolve("models");
        Path bundle = TinyVqa.write(models);
        byte[] image = TinyVqa.sampleImage();
        String imageName = image[0] == (byte) 0xff ? "case1.jpg" : "case1.png";

        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        Files.createDirectories(in);
        Files.write(in.resolve(imageName), image);
        Files.writeString(in.resolve("case1.json"), """
                {"id": "case1", "imageFile": "%s",
                 "questions": ["Is there a fracture?", {"id": "q2", "question": "Which organ is shown?"}]}"""
                .formatted(imageName));
        String half = Base64.getEncoder().encodeToString(Arrays.copyOf(image, image.length / 2));
        Files.writeString(in.resolve("case2.json"), "{\"id\": \"case2\", \"imageName\": \"half.jpg\", \"image\": \""
                + half + "\", \"questions\": [\"Is there a fracture?\"]}");

        Path pipelines = Files.writeString(dir.resolve("pipelines.json"), """
                {"vqa": {"description": "visual questions", "steps": [{"step": "vqa", "params": {"model": "vqa"}}]}}
                """);
        var description = PipelineFactory.aggregate(PipelineCatalog.withOverrides(pipelines).get("vqa"),
                new PipelineContext(dir.resolve("no-index"), models));
        FolderBatchConfig config = FolderBatchConfig.builder(in, out).threads(2).pollInterval(Duration.ofMillis(20))
                .settleTime(Duration.ZERO).build();
        BatchSummary summary;
        try (PipelineRunner runner = PipelineRunner.create(description, 2);
             FolderBatch batch = FolderBatch.open(config, runner, RunInfo.of("vqa"))) {
            batch.start();
            assertTrue(batch.await(Duration.ofSeconds(60)), "the batch did not drain its inbox");
            batch.stop();
            summary = batch.summary();
        }

        try (Stream<Path> outputs = Files.list(out)) {
            assertEquals(Set.of("case1.json"), Set.copyOf(outputs.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.startsWith("batch-summary")).toList()));
        }
        JsonNode vqa = JSON.readTree(out.resolve("case1.json").toFile()).get("vqa");
        assertEquals(imageName, vqa.at("/image/id").asText());
        assertTrue(vqa.at("/image/width").asInt() > 0 && vqa.at("/image/height").asInt() > 0, vqa.toString());
        assertEquals(image[0] == (byte) 0xff ? "image/jpeg" : "image/png", vqa.at("/image/mimeType").asText());
        String modelId = VqaModelId.of(bundle);
        JsonNode answers = vqa.get("answers");
        assertEquals(2, answers.size());
        assertTrue(TinyVqa.CLOSED.contains(answers.at("/0/answer").asText()), answers.toString());
        assertEquals(VqaCas.CLOSED, answers.at("/0/answerType").asText());
        assertEquals("q2", answers.at("/1/questionId").asText());
        assertEquals("Which organ is shown?", answers.at("/1/question").asText());
        assertTrue(TinyVqa.OPEN.contains(answers.at("/1/answer").asText()), answers.toString());
        for (JsonNode answer : answers) {
            assertEquals(modelId, answer.get("modelId").asText());
            double confidence = answer.get("confidence").asDouble();
            assertTrue(confidence > 0 && confidence <= 1, answer.toString());
        }

        assertTrue(Files.exists(in.resolve(".done/case1.json")));
        assertTrue(Files.exists(in.resolve(".done/" + imageName)), "the image file followed its document");
        assertTrue(Files.exists(in.resolve(".error/case2.json")));
        JsonNode report = JSON.readTree(in.resolve(".error/case2.json.error.json").toFile());
        assertEquals("ANNOTATE", report.get("stage").asText());
        assertEquals("case2", report.get("documentId").asText());
        String message = report.get("message").asText();
        assertTrue(message.contains("the image 'half.jpg' cannot be read (TRUNCATED)"), message);
        assertFalse(message.contains("fracture"), "no question text in the report: " + message);
        try (Stream<Path> left = Files.list(in)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(name -> !name.startsWith(".")).toList());
        }

        assertEquals(1, summary.inputsDone());
        assertEquals(1, summary.inputsFailed());
        assertEquals(0, summary.imagesLeft());
        assertTrue(summary.models().contains(modelId), summary.models().toString());
    }
}
