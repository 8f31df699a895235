package org.cnlp.multimodal.image;

import java.io.IOException;
import java.io.Serial;
import java.util.Objects;

/**
 * An image could not be read. {@link #reason()} says why, for callers that map failures to responses; the message
 * names the source and says what to do, and never contains pixel data.
 */
public final class ImageReadException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Why an image was refused. */
    public enum Reason {
        /** No bytes at all. */
        EMPTY,
        /** More bytes than {@link ImageLimits#maxBytes()}. */
        TOO_LARGE,
        /** Not an image: no JPEG or PNG signature and no other known image signature. */
        NOT_AN_IMAGE,
        /** A recognised image format that is not accepted (GIF, BMP, TIFF, WebP, DICOM, CMYK JPEG, ...). */
        UNSUPPORTED_FORMAT,
        /** The header declares more pixels than {@link ImageLimits#maxPixels()}; nothing was decoded. */
        TOO_MANY_PIXELS,
        /** Truncated or corrupt data: the decoder failed or warned (e.g. premature end of a JPEG). */
        TRUNCATED,
        /** Could not be read for another reason (I/O error, no decoder available, unusual pixel layout). */
        UNREADABLE
    }

    private final Reason reason;

    /** Creates an exception with a reason and a message for people. */
    public ImageReadException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Creates an exception with a reason, a message for people and the underlying cause. */
    public ImageReadException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the image was refused. */
    public Reason reason() {
        return reason;
    }
}
