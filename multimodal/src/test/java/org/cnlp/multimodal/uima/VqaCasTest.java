package org.cnlp.multimodal.uima;

import org.cnlp.pipeline.vqa.VqaViews;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.cnlp.type.ImageMetadata;
import org.cnlp.type.VqaQuestion;
import org.junit.jupiter.api.Test;

class VqaCasTest {

    @Test
    void imageAndQuestionsGoToTheirViewsAndReadBack() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        VqaCas.addImage(jcas, bytes, "img-1", "image/png");
        VqaCas.addQuestions(jcas, List.of(new VqaViews.Question("Is there a fracture?", "q1", VqaCas.CLOSED),
                VqaViews.Question.of("Which organ is shown?")));

        assertArrayEquals(bytes, VqaCas.imageBytes(jcas).orElseThrow());
        assertEquals("image/png", VqaCas.imageView(jcas).orElseThrow().getSofaMimeType());
        ImageMetadata metadata = VqaCas.imageMetadata(jcas).orElseThrow();
        assertEquals("img-1", metadata.getImageId());
        assertEquals("image/png", metadata.getMimeType());

        assertEquals("Is there a fracture?\nWhich organ is shown?", VqaCas.questionView(jcas).orElseThrow().getDocumentText());
        List<VqaQuestion> questions = VqaCas.questions(jcas);
        assertEquals(List.of("Is there a fracture?", "Which organ is shown?"),
                questions.stream().map(VqaQuestion::getCoveredText).toList());
        assertEquals("q1", questions.get(0).getQuestionId());
        assertEquals(VqaCas.CLOSED, questions.get(0).getAnswerType());
        assertNull(questions.get(1).getQuestionId());
        assertNull(questions.get(1).getAnswerType());
        assertEquals(List.of(), VqaCas.answers(questions.get(0)));
        assertNull(jcas.getDocumentText(), "the initial view is not touched");
    }

    @Test
    void aCasWithoutTheViewsHasNothingToRead() throws Exception {
        JCas jcas = JCasFactory.createText("Denies chest pain.", "en");
        assertTrue(VqaCas.imageView(jcas).isEmpty());
        assertTrue(VqaCas.imageBytes(jcas).isEmpty());
        assertTrue(VqaCas.imageMetadata(jcas).isEmpty());
        assertEquals(List.of(), VqaCas.questions(jcas));
    }

    @Test
    void blankQuestionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> VqaViews.Question.of("  "));
    }
}
