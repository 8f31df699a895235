package org.cnlp.server.vqa;

import java.util.List;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The answer of {@code POST /vqa}.
 *
 * @param model   the VQA bundle's id ({@code vqa@3f2a9c01b7de})
 * @param image   what was decoded
 * @param answers one per question, in request order
 */
@JsonbPropertyOrder({"model", "image", "answers"})
public record VqaResponse(String model, ImageView image, List<AnswerView> answers) {

    public VqaResponse {
        answers = List.copyOf(answers);
    }

    /** The decoded image's size in pixels. */
    @JsonbPropertyOrder({"width", "height"})
    public record ImageView(int width, int height) {
    }

    /**
     * One answer.
     *
     * @param question   the question as asked (stripped)
     * @param answer     the model's answer, from its answer vocabulary
     * @param confidence its probability among the answers of the question's kind, 0..1 (4 decimals)
     * @param closed     whether the model read the question as a closed (yes/no or choice) one
     */
    @JsonbPropertyOrder({"question", "answer", "confidence", "closed"})
    public record AnswerView(String question, String answer, double confidence, boolean closed) {
    }
}
