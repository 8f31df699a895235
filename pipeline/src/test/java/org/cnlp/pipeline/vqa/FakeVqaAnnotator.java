package org.cnlp.pipeline.vqa;

import java.util.Optional;

import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.cas.CASException;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.jcas.JCas;
import org.cnlp.type.ImageMetadata;
import org.cnlp.type.VqaAnswer;
import org.cnlp.type.VqaQuestion;

/**
 * A stand-in for the multimodal module's VQA annotator: accepts an image whose bytes start with
 * the JPEG start marker and end with the end marker (else fails the CAS, like a truncated image),
 * records a 2 x 1 size, and answers every question {@code yes} (closed) or {@code brain} (open,
 * when the question starts with "what") with confidence 0.75 and model id {@value #MODEL_ID}.
 */
public final class FakeVqaAnnotator extends JCasAnnotator_ImplBase {

    public static final String MODEL_ID = "fake-vqa@000000000001";

    @Override
    public void process(JCas jcas) throws AnalysisEngineProcessException {
        try {
            Optional<byte[]> bytes = VqaViews.imageBytes(jcas);
            if (bytes.isEmpty()) {
                return;
            }
            ImageMetadata metadata = VqaViews.imageMetadata(jcas).orElseThrow();
            byte[] image = bytes.get();
            boolean complete = image.length >= 4 && (image[0] & 0xff) == 0xff && (image[1] & 0xff) == 0xd8
                    && (image[image.length - 2] & 0xff) == 0xff && (image[image.length - 1] & 0xff) == 0xd9;
            if (!complete) {
                throw new AnalysisEngineProcessException(new IllegalStateException(
                        "the image '" + metadata.getImageId() + "' cannot be read (TRUNCATED)"));
            }
            metadata.setWidth(2);
            metadata.setHeight(1);
            metadata.setMimeType("image/jpeg");
            JCas view = VqaViews.questionView(jcas).orElseThrow();
            for (VqaQuestion question : VqaViews.questions(jcas)) {
                boolean open = question.getCoveredText().toLowerCase(java.util.Locale.ROOT).startsWith("what");
                VqaAnswer answer = new VqaAnswer(view);
                answer.setAnswer(open ? "brain" : "yes");
                answer.setConfidence(0.75);
                answer.setModelId(MODEL_ID);
                VqaViews.addAnswer(view, question, answer);
                if (question.getAnswerType() == null) {
                    question.setAnswerType(open ? VqaViews.OPEN : VqaViews.CLOSED);
                }
            }
        } catch (CASException e) {
            throw new AnalysisEngineProcessException(e);
        }
    }

    /** A tiny "JPEG": start marker, a few bytes, end marker. */
    public static byte[] jpeg() {
        return new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 1, 2, 3, 4, (byte) 0xff, (byte) 0xd9};
    }
}
