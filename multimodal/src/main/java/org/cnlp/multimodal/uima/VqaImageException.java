package org.cnlp.multimodal.uima;

import java.io.Serial;

import org.cnlp.multimodal.image.ImageReadException;

/**
 * The image of a CAS could not be read, so its questions were not answered: the cause of the
 * {@link org.apache.uima.analysis_engine.AnalysisEngineProcessException} that fails the CAS. The
 * message names the image and the {@link #reason()}; the decoder's exception is attached as
 * suppressed (not as the cause), so that runners reporting a failure's innermost message report
 * this one.
 */
public final class VqaImageException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final ImageReadException.Reason reason;

    /** Wraps a refusal of the image {@code imageId}. */
    public VqaImageException(String imageId, ImageReadException refusal) {
        super("the image " + (imageId == null || imageId.isBlank() ? "" : "'" + imageId + "' ") + "cannot be read ("
                + refusal.reason() + "): " + refusal.getMessage());
        this.reason = refusal.reason();
        addSuppressed(refusal);
    }

    /** Why the image was refused. */
    public ImageReadException.Reason reason() {
        return reason;
    }
}
