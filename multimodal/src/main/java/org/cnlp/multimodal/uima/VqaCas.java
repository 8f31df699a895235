package org.cnlp.multimodal.uima;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.uima.cas.CASException;
import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.vqa.VqaViews;
import org.cnlp.type.ImageMetadata;
import org.cnlp.type.VqaAnswer;
import org.cnlp.type.VqaQuestion;

/**
 * How a CAS carries a visual question: the image's encoded bytes as the sofa of the view
 * {@value #IMAGE_VIEW} (with one {@link ImageMetadata}), and the questions as the text of the view
 * {@value #QUESTION_VIEW}, one per line, each covered by a {@link VqaQuestion} whose
 * {@code answers} the {@link VqaAnnotator} fills. The initial view (a note's text, if any) is not
 * touched.
 *
 * <p>The layout itself lives in the pipeline module ({@link VqaViews}), whose input readers and
 * JSON writer use it too; this class keeps the multimodal API and delegates to it.
 */
public final class VqaCas {

    /** The view whose sofa holds the encoded image (JPEG or PNG bytes). */
    public static final String IMAGE_VIEW = VqaViews.IMAGE_VIEW;
    /** The view whose text holds the questions, one per line. */
    public static final String QUESTION_VIEW = VqaViews.QUESTION_VIEW;
    /** {@link VqaQuestion#getAnswerType()} of a yes/no or choice question. */
    public static final String CLOSED = VqaViews.CLOSED;
    /** {@link VqaQuestion#getAnswerType()} of an open question. */
    public static final String OPEN = VqaViews.OPEN;

    private VqaCas() {
    }

    /** See {@link VqaViews#addImage}. */
    public static ImageMetadata addImage(JCas jcas, byte[] bytes, String imageId, String mimeType) throws CASException {
        return VqaViews.addImage(jcas, bytes, imageId, mimeType);
    }

    /** See {@link VqaViews#addQuestions}. */
    public static List<VqaQuestion> addQuestions(JCas jcas, List<VqaViews.Question> questions) throws CASException {
        return VqaViews.addQuestions(jcas, questions);
    }

    /** The image view, when the CAS has one. */
    public static Optional<JCas> imageView(JCas jcas) throws CASException {
        return VqaViews.imageView(jcas);
    }

    /** The question view, when the CAS has one. */
    public static Optional<JCas> questionView(JCas jcas) throws CASException {
        return VqaViews.questionView(jcas);
    }

    /** The encoded image, when the CAS has an image view with a byte array sofa. */
    public static Optional<byte[]> imageBytes(JCas jcas) throws CASException {
        return VqaViews.imageBytes(jcas);
    }

    /** The image's metadata, when the CAS has an image view that holds one. */
    public static Optional<ImageMetadata> imageMetadata(JCas jcas) throws CASException {
        return VqaViews.imageMetadata(jcas);
    }

    /** The questions in text order; empty without a question view. */
    public static List<VqaQuestion> questions(JCas jcas) throws CASException {
        return VqaViews.questions(jcas);
    }

    /** A question's answers, best first; empty when it has none. */
    public static List<VqaAnswer> answers(VqaQuestion question) {
        return VqaViews.answers(question);
    }

    /** Appends {@code answer} to the question's answers. */
    static void addAnswer(JCas questionView, VqaQuestion question, VqaAnswer answer) {
        VqaViews.addAnswer(questionView, question, answer);
    }
}
