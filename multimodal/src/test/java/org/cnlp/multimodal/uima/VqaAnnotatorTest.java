package org.cnlp.multimodal.uima;

import org.cnlp.pipeline.vqa.VqaViews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.annotators.pipelines.PipelineCatalog;
import org.cnlp.annotators.pipelines.PipelineConfigException;
import org.cnlp.annotators.pipelines.PipelineContext;
import org.cnlp.annotators.pipelines.PipelineDefinition;
import org.cnlp.annotators.pipelines.PipelineFactory;
import org.cnlp.annotators.pipelines.StepRegistry;
import org.cnlp.multimodal.image.ImageReadException;
import org.cnlp.type.ImageMetadata;
import org.cnlp.type.VqaAnswer;
import org.cnlp.type.VqaQuestion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VqaAnnotatorTest {

    @TempDir
    static Path dir;
    static Path models;
    static Path bundle;
    static AnalysisEngine engine;
    static byte[] image;

    @BeforeAll
    static void setUp() throws Exception {
        models = dir.resolve("models");
        bundle = TinyVqa.write(models);
        engine = AnalysisEngineFactory.createEngine(VqaAnnotator.description(bundle, models));
        image = TinyVqa.sampleImage();
    }

    @AfterAll
    static void tearDown() {
        if (engine != null) {
            engine.destroy();
        }
    }

    private static JCas visualQuestions(byte[] bytes, String... questions) throws Exception {
        JCas jcas = JCasFactory.createJCas();
        VqaCas.addImage(jcas, bytes, "sample", "application/octet-stream");
        VqaCas.addQuestions(jcas, Arrays.stream(questions).map(VqaViews.Question::of).toList());
        return jcas;
    }

    @Test
    void answersEveryQuestionFromTheVocabularyOfItsKind() throws Exception {
        JCas jcas = visualQuestions(image, "Is there a fracture?", "Which organ is shown?");
        engine.process(jcas);

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
        ImageMetadata metadata = VqaCas.imageMetadata(jcas).orElseThrow();
        assertEquals(decoded.getWidth(), metadata.getWidth());
        assertEquals(decoded.getHeight(), metadata.getHeight());
        assertEquals(image[0] == (byte) 0xff ? "image/jpeg" : "image/png", metadata.getMimeType());
        assertEquals("sample", metadata.getImageId());

        List<VqaQuestion> questions = VqaCas.questions(jcas);
        assertEquals(2, questions.size());
        String modelId = VqaModelId.of(bundle);
        assertTrue(modelId.matches("vqa@[0-9a-f]{12}"), modelId);
        for (VqaQuestion question : questions) {
            List<VqaAnswer> answers = VqaCas.answers(question);
            assertEquals(1, answers.size(), question.getCoveredText());
            VqaAnswer answer = answers.getFirst();
            assertEquals(modelId, answer.getModelId());
            assertTrue(answer.getConfidence() > 0 && answer.getConfidence() <= 1, "confidence " + answer.getConfidence());
        }
        assertTrue(TinyVqa.CLOSED.contains(VqaCas.answers(questions.get(0)).getFirst().getAnswer()));
        assertEquals(VqaCas.CLOSED, questions.get(0).getAnswerType());
        assertTrue(TinyVqa.OPEN.contains(VqaCas.answers(questions.get(1)).getFirst().getAnswer()));
        assertEquals(VqaCas.OPEN, questions.get(1).getAnswerType());
    }

    @Test
    void aTruncatedImageFailsTheCasWithTheReason() throws Exception {
        JCas jcas = visualQuestions(Arrays.copyOf(image, image.length / 2), "Is there a fracture?");
        AnalysisEngineProcessException e = assertThrows(AnalysisEngineProcessException.class, () -> engine.process(jcas));
        VqaImageException cause = assertInstanceOf(VqaImageException.class, e.getCause());
        assertEquals(ImageReadException.Reason.TRUNCATED, cause.reason());
        assertTrue(cause.getMessage().startsWith("the image 'sample' cannot be read (TRUNCATED): "), cause.getMessage());
        assertEquals(List.of(), VqaCas.answers(VqaCas.questions(jcas).getFirst()));

        JCas empty = visualQuestions(new byte[0], "Is there a fracture?");
        VqaImageException none = assertInstanceOf(VqaImageException.class,
                assertThrows(AnalysisEngineProcessException.class, () -> engine.process(empty)).getCause());
        assertEquals(ImageReadException.Reason.EMPTY, none.reason());
    }

    @Test
    void aTextOnlyCasPassesUntouched() throws Exception {
        JCas jcas = JCasFactory.createText("Denies chest pain.", "en");
        int before = JCasUtil.selectAll(jcas).size();
        engine.process(jcas);
        assertEquals(before, JCasUtil.selectAll(jcas).size());
        assertTrue(VqaCas.imageView(jcas).isEmpty());
    }

    @Test
    void anImageWithoutQuestionsGetsItsMetadataOnly() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        VqaCas.addImage(jcas, image, "only-image", null);
        engine.process(jcas);
        assertTrue(VqaCas.imageMetadata(jcas).orElseThrow().getWidth() > 0);
        assertTrue(VqaCas.questionView(jcas).isEmpty());
    }

    @Test
    void theVqaStepBuildsThroughTheRegistryFromAPipelinesFile() throws Exception {
        assertTrue(StepRegistry.names().contains("vqa"), StepRegistry.names().toString());
        Path file = Files.writeString(dir.resolve("pipelines.json"), """
                {"vqa": {"description": "visual questions", "steps": [{"step": "vqa"}]}}
                """);
        PipelineDefinition definition = PipelineCatalog.withOverrides(file).get("vqa");
        AnalysisEngine pipeline = AnalysisEngineFactory.createEngine(
                PipelineFactory.aggregate(definition, new PipelineContext(dir.resolve("no-index"), models)));
        try {
            JCas jcas = visualQuestions(image, "What is shown in the image?");
            pipeline.process(jcas);
            assertTrue(TinyVqa.OPEN.contains(VqaCas.answers(VqaCas.questions(jcas).getFirst()).getFirst().getAnswer()));
        } finally {
            pipeline.destroy();
        }
    }

    @Test
    void theVqaStepSaysWhatIsWrong() throws Exception {
        PipelineContext context = new PipelineContext(dir.resolve("no-index"), models);
        PipelineDefinition typo = new PipelineDefinition("p", "", List.of(
                new PipelineDefinition.Step("vqa", java.util.Map.of("modle", "vqa"))));
        PipelineConfigException unknown = assertThrows(PipelineConfigException.class,
                () -> PipelineFactory.aggregate(typo, context));
        assertTrue(unknown.getMessage().startsWith("step 'vqa' has no parameter 'modle'"), unknown.getMessage());

        PipelineDefinition missing = new PipelineDefinition("p", "", List.of(
                new PipelineDefinition.Step("vqa", java.util.Map.of("model", "vqa-none"))));
        ResourceInitializationException e = assertThrows(ResourceInitializationException.class,
                () -> AnalysisEngineFactory.createEngine(PipelineFactory.aggregate(missing, context)));
        String messages = messages(e);
        assertTrue(messages.contains("cannot load the VQA model: No VQA model at " + models.resolve("vqa-none")), messages);
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
