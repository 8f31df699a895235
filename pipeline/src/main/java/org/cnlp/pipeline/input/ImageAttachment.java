package org.cnlp.pipeline.input;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.apache.uima.cas.CASException;
import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.vqa.VqaViews;

/**
 * The image of a document to annotate, read and ready for the CAS, with the questions about it.
 * The bytes are not decoded here: a VQA step decodes them and fails the document when they are
 * not a readable JPEG or PNG.
 *
 * @param bytes     the encoded image, not empty; not copied, do not modify
 * @param imageId   the image's id ({@code imageName}, else the image file's name, else the document id)
 * @param mimeType  {@code image/jpeg} or {@code image/png} by the bytes' signature or else the name's extension,
 *                  otherwise {@code application/octet-stream}
 * @param questions the questions, at least one
 * @param file      the image file the bytes were read from (normalised, not resolved through links), or null when
 *                  the image was inline
 */
public record ImageAttachment(byte[] bytes, String imageId, String mimeType, List<VqaViews.Question> questions, Path file) {

    /** MIME type of an image whose type cannot be told. */
    public static final String UNKNOWN_TYPE = "application/octet-stream";

    public ImageAttachment {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(mimeType, "mimeType");
        questions = List.copyOf(questions);
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("an image needs at least one question");
        }
    }

    /** The image file, when the image was read from one. */
    public Optional<Path> sourceFile() {
        return Optional.ofNullable(file);
    }

    /** Adds the image and question views ({@link VqaViews}) to an empty CAS. */
    public void loadInto(JCas jcas) throws CASException {
        VqaViews.addImage(jcas, bytes, imageId, mimeType);
        VqaViews.addQuestions(jcas, questions);
    }

    /** {@code image/jpeg} or {@code image/png} from the signature, else from the name's extension, else unknown. */
    public static String mimeType(byte[] bytes, String name) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (bytes.length >= 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return "image/png";
        }
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        return lower.endsWith(".png") ? "image/png" : UNKNOWN_TYPE;
    }

    @Override
    public String toString() {
        return "ImageAttachment[" + imageId + ", " + mimeType + ", " + bytes.length + " bytes, " + questions.size()
                + " questions" + (file == null ? "" : ", file=" + file) + "]";
    }
}
