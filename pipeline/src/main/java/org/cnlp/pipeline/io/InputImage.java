package org.cnlp.pipeline.io;

import java.util.List;
import java.util.Objects;

import org.cnlp.pipeline.vqa.VqaViews;

/**
 * The image and questions of an input document, as the input JSON gives them: either the image's
 * bytes (decoded from base64) or the path of an image file relative to the JSON file, which the
 * reader of the file resolves.
 *
 * @param bytes     the encoded image (JPEG or PNG expected; decoded later), or null when {@code file} is given;
 *                  not copied, do not modify
 * @param file      image file path relative to the JSON file's folder, or null when {@code bytes} are given
 * @param name      the caller's image name ({@code imageName}), or null
 * @param questions the questions about the image, at least one
 */
public record InputImage(byte[] bytes, String file, String name, List<VqaViews.Question> questions) {

    public InputImage {
        if ((bytes == null) == (file == null)) {
            throw new IllegalArgumentException("exactly one of bytes and file must be given");
        }
        questions = List.copyOf(questions);
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("an image needs at least one question");
        }
    }

    /** An image given inline. */
    public static InputImage inline(byte[] bytes, String name, List<VqaViews.Question> questions) {
        return new InputImage(Objects.requireNonNull(bytes, "bytes"), null, name, questions);
    }

    /** An image given as a file relative to the input file. */
    public static InputImage file(String file, String name, List<VqaViews.Question> questions) {
        return new InputImage(null, Objects.requireNonNull(file, "file"), name, questions);
    }

    /** Whether the image is in a file still to be read. */
    public boolean inFile() {
        return file != null;
    }

    @Override
    public String toString() {
        return "InputImage[" + (bytes != null ? bytes.length + " bytes" : "file=" + file) + ", name=" + name + ", "
                + questions.size() + " questions]";
    }
}
