package org.cnlp.server.vqa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.cnlp.multimodal.uima.VqaModelId;
import org.cnlp.server.TinyVqa;
import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VqaServiceTest {

    private static final byte[] GIF = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0};

    @TempDir
    static Path dir;
    static Path bundle;
    static VqaService service;

    @BeforeAll
    static void setUp() throws Exception {
        bundle = TinyVqa.write(dir.resolve("models"));
        service = VqaService.open(bundle, Optional.of(dir.resolve("models")));
    }

    @AfterAll
    static void tearDown() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void answersEachQuestionFromTheAnswersOfItsKind() throws Exception {
        assertTrue(service.isReady());
        VqaResponse response = service.answer(new VqaRequest(TinyVqa.image(120, 90, "jpeg"), "x.jpg",
                List.of("Is there a fracture?", "Which organ is shown?")));
        assertEquals(VqaModelId.of(bundle), response.model());
        assertEquals(new VqaResponse.ImageView(120, 90), response.image());
        assertEquals(2, response.answers().size());
        VqaResponse.AnswerView closed = response.answers().get(0);
        assertEquals("Is there a fracture?", closed.question());
        assertTrue(closed.closed());
        assertTrue(TinyVqa.CLOSED.contains(closed.answer()), closed.answer());
        VqaResponse.AnswerView open = response.answers().get(1);
        assertFalse(open.closed());
        assertTrue(TinyVqa.OPEN.contains(open.answer()), open.answer());
        for (VqaResponse.AnswerView answer : response.answers()) {
            assertTrue(answer.confidence() > 0 && answer.confidence() <= 1, "confidence " + answer.confidence());
        }
        VqaModelView view = service.view().orElseThrow();
        assertEquals(new VqaModelView(VqaModelView.READY, response.model(), "concat", 5, view.questionEncoder(), null), view);
        assertTrue(view.questionEncoder().startsWith("ner-student@"), view.questionEncoder());
    }

    @Test
    void unreadableImagesAre400WithTheReasonAndOversizedOnes413() throws Exception {
        byte[] png = TinyVqa.image(64, 64, "png");
        Problem truncated = assertThrows(ProblemException.class, () -> service.answer(
                new VqaRequest(Arrays.copyOf(png, png.length / 2), "cut.png", List.of("Is it normal?")))).problem();
        assertEquals(ProblemType.INVALID_IMAGE, truncated.type());
        assertEquals("TRUNCATED", truncated.reason());
        assertTrue(truncated.detail().startsWith("cut.png: "), truncated.detail());

        Problem text = assertThrows(ProblemException.class, () -> service.answer(
                new VqaRequest("Patient denies pain".getBytes(java.nio.charset.StandardCharsets.UTF_8), "note.txt",
                        List.of("Is it normal?")))).problem();
        assertEquals(ProblemType.INVALID_IMAGE, text.type());
        assertEquals("NOT_AN_IMAGE", text.reason());
        assertFalse(text.detail().contains("Patient"), "never quotes the content");
        assertEquals("EMPTY", assertThrows(ProblemException.class, () -> service.answer(
                new VqaRequest(new byte[0], "image", List.of("Is it normal?")))).problem().reason());
        assertEquals("UNSUPPORTED_FORMAT", assertThrows(ProblemException.class, () -> service.answer(
                new VqaRequest(GIF, "a.gif", List.of("Is it normal?")))).problem().reason());
    }

    @Test
    void withoutAModelEveryRequestIs503() {
        VqaService none = VqaService.none();
        assertFalse(none.isReady());
        assertEquals(Optional.empty(), none.view());
        Problem problem = assertThrows(ProblemException.class, () -> none.answer(new VqaRequest(new byte[1], "image",
                List.of("Is it normal?")))).problem();
        assertEquals(ProblemType.MODEL_UNAVAILABLE, problem.type());
        assertEquals(503, problem.status());
        assertTrue(problem.detail().contains("cnlp.vqa.model (CNLP_VQA_MODEL)"), problem.detail());
    }

    @Test
    void aBundleThatDoesNotLoadIs503WithTheReason() throws Exception {
        Path missing = dir.resolve("models/vqa-missing");
        try (VqaService failed = VqaService.open(missing, Optional.of(dir.resolve("models")))) {
            assertFalse(failed.isReady());
            Problem problem = assertThrows(ProblemException.class, () -> failed.answer(new VqaRequest(new byte[1], "image",
                    List.of("Is it normal?")))).problem();
            assertEquals(ProblemType.MODEL_UNAVAILABLE, problem.type());
            assertTrue(problem.detail().startsWith("the VQA model in " + missing + " failed to load: No VQA model at "),
                    problem.detail());
            VqaModelView view = failed.view().orElseThrow();
            assertEquals(VqaModelView.FAILED, view.status());
            assertEquals(problem.detail(), view.problem());
        }
    }
}
