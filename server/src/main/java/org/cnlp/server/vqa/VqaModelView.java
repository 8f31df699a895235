package org.cnlp.server.vqa;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The VQA model in {@code GET /models}: absent when none is configured.
 *
 * @param status          {@code ready}, or {@code failed} when the configured bundle did not load
 * @param id              the bundle's id, null when it could not be read
 * @param fusion          how question and image are combined ({@code attention}, ...), null when failed
 * @param answers         the size of the answer vocabulary, 0 when failed
 * @param questionEncoder the id of the NER bundle that reads questions, null when failed
 * @param problem         why it failed, null when ready
 */
@JsonbPropertyOrder({"status", "id", "fusion", "answers", "questionEncoder", "problem"})
public record VqaModelView(String status, String id, String fusion, int answers, String questionEncoder, String problem) {

    public static final String READY = "ready";
    public static final String FAILED = "failed";
}
