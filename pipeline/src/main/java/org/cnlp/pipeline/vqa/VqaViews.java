package org.cnlp.pipeline.vqa;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.uima.cas.CASException;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.ByteArray;
import org.apache.uima.jcas.cas.FSArray;
import org.cnlp.type.ImageMetadata;
import org.cnlp.type.VqaAnswer;
import org.cnlp.type.VqaQuestion;

/**
 * How a CAS carries a visual question: the image's encoded bytes as the sofa of the view
 * {@value #IMAGE_VIEW} (with one {@link ImageMetadata}), and the questions as the text of the view
 * {@value #QUESTION_VIEW}, one per line, each covered by a {@link VqaQuestion} whose
 * {@code answers} a VQA annotator fills. The initial view (a note's text, if any) is not touched.
 *
 * <p>The input readers, the runner and the JSON writer of this module use this layout; the VQA
 * annotator (multimodal module) reads it. Stateless and thread-safe.
 */
public final class VqaViews {

    /** The view whose sofa holds the encoded image (JPEG or PNG bytes). */
    public static final String IMAGE_VIEW = "image";
    /** The view whose text holds the questions, one per line. */
    public static final String QUESTION_VIEW = "question";
    /** {@link VqaQuestion#getAnswerType()} of a yes/no or choice question. */
    public static final String CLOSED = "CLOSED";
    /** {@link VqaQuestion#getAnswerType()} of an open question. */
    public static final String OPEN = "OPEN";

    /**
     * A question to add.
     *
     * @param text       the question; not blank
     * @param questionId the caller's id, or null
     * @param answerType {@link #CLOSED} or {@link #OPEN} when known, or null
     */
    public record Question(String text, String questionId, String answerType) {

        /** @throws IllegalArgumentException for a blank question */
        public Question {
            Objects.requireNonNull(text, "text");
            if (text.isBlank()) {
                throw new IllegalArgumentException("a question must not be blank");
            }
        }

        /** A question without id or answer type. */
        public static Question of(String text) {
            return new Question(text, null, null);
        }
    }

    private VqaViews() {
    }

    /**
     * Creates the image view: {@code bytes} as its sofa (a byte array sofa of {@code mimeType})
     * and an {@link ImageMetadata} with the id and MIME type (width and height are the annotator's).
     *
     * @throws CASException when the CAS already has an image view
     */
    public static ImageMetadata addImage(JCas jcas, byte[] bytes, String imageId, String mimeType) throws CASException {
        Objects.requireNonNull(bytes, "bytes");
        JCas view = jcas.createView(IMAGE_VIEW);
        ByteArray sofa = new ByteArray(view, bytes.length);
        sofa.copyFromArray(bytes, 0, 0, bytes.length);
        view.setSofaDataArray(sofa, mimeType);
        ImageMetadata metadata = new ImageMetadata(view);
        metadata.setImageId(imageId);
        metadata.setMimeType(mimeType);
        metadata.addToIndexes();
        return metadata;
    }

    /**
     * Creates the question view: the questions joined by newlines as its text, one
     * {@link VqaQuestion} over each, in order.
     *
     * @throws CASException when the CAS already has a question view
     */
    public static List<VqaQuestion> addQuestions(JCas jcas, List<Question> questions) throws CASException {
        JCas view = jcas.createView(QUESTION_VIEW);
        StringBuilder text = new StringBuilder();
        List<VqaQuestion> added = new ArrayList<>(questions.size());
        for (Question question : questions) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            int begin = text.length();
            text.append(question.text());
            VqaQuestion annotation = new VqaQuestion(view, begin, text.length());
            annotation.setQuestionId(question.questionId());
            annotation.setAnswerType(question.answerType());
            added.add(annotation);
        }
        view.setDocumentText(text.toString());
        view.setDocumentLanguage("en");
        added.forEach(VqaQuestion::addToIndexes);
        return added;
    }

    /** The image view, when the CAS has one. */
    public static Optional<JCas> imageView(JCas jcas) throws CASException {
        return view(jcas, IMAGE_VIEW);
    }

    /** The question view, when the CAS has one. */
    public static Optional<JCas> questionView(JCas jcas) throws CASException {
        return view(jcas, QUESTION_VIEW);
    }

    /** The encoded image, when the CAS has an image view with a byte array sofa. */
    public static Optional<byte[]> imageBytes(JCas jcas) throws CASException {
        Optional<JCas> view = imageView(jcas);
        if (view.isEmpty() || !(view.get().getSofaDataArray() instanceof ByteArray bytes)) {
            return Optional.empty();
        }
        return Optional.of(bytes.toArray());
    }

    /** The image's metadata, when the CAS has an image view that holds one. */
    public static Optional<ImageMetadata> imageMetadata(JCas jcas) throws CASException {
        Optional<JCas> view = imageView(jcas);
        return view.isEmpty() ? Optional.empty() : JCasUtil.select(view.get(), ImageMetadata.class).stream().findFirst();
    }

    /** The questions in text order; empty without a question view. */
    public static List<VqaQuestion> questions(JCas jcas) throws CASException {
        Optional<JCas> view = questionView(jcas);
        return view.isEmpty() ? List.of() : List.copyOf(JCasUtil.select(view.get(), VqaQuestion.class));
    }

    /** A question's answers, best first; empty when it has none. */
    public static List<VqaAnswer> answers(VqaQuestion question) {
        FSArray<VqaAnswer> answers = question.getAnswers();
        if (answers == null) {
            return List.of();
        }
        List<VqaAnswer> result = new ArrayList<>(answers.size());
        for (VqaAnswer answer : answers) {
            if (answer != null) {
                result.add(answer);
            }
        }
        return result;
    }

    /** Appends {@code answer} (created in {@code questionView}) to the question's answers. */
    public static void addAnswer(JCas questionView, VqaQuestion question, VqaAnswer answer) {
        List<VqaAnswer> answers = new ArrayList<>(answers(question));
        answers.add(answer);
        FSArray<VqaAnswer> array = new FSArray<>(questionView, answers.size());
        for (int i = 0; i < answers.size(); i++) {
            array.set(i, answers.get(i));
        }
        question.setAnswers(array);
    }

    private static Optional<JCas> view(JCas jcas, String name) throws CASException {
        for (Iterator<JCas> views = jcas.getViewIterator(); views.hasNext();) {
            JCas view = views.next();
            if (name.equals(view.getViewName())) {
                return Optional.of(view);
            }
        }
        return Optional.empty();
    }
}
