package org.cnlp.server.vqa;

import java.util.List;
import java.util.Objects;

/**
 * A validated {@code POST /vqa} request: the encoded image (not yet decoded) and its questions.
 *
 * @param image     the image file's bytes
 * @param imageName what to call the image in messages: the uploaded file's name, or {@code image}
 * @param questions one or more questions, stripped, none blank
 */
public record VqaRequest(byte[] image, String imageName, List<String> questions) {

    public VqaRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(imageName, "imageName");
        questions = List.copyOf(questions);
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("a VQA request needs a question");
        }
    }
}
