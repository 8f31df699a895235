package org.cnlp.multimodal.data;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One VQA-RAD question about one image.
 *
 * @param qid          the question id
 * @param imageName    the image file name (e.g. {@code synpic54610.jpg}) in the VQA-RAD images folder
 * @param organ        {@code image_organ}: {@code HEAD}, {@code CHEST} or {@code ABD} ({@code ""} when absent)
 * @param question     the question, trimmed
 * @param answer       the answer normalised by {@link #normalizeAnswer(String)}; {@code ""} when the file has none
 * @param closed       whether {@code answer_type} is {@code CLOSED} (yes/no and other closed-set questions)
 * @param questionType {@code question_type}, trimmed (e.g. {@code PRES}, {@code POS, PRES}); {@code ""} when absent
 * @param phraseType   {@code phrase_type}, trimmed ({@code freeform}, {@code para}, {@code frame}); {@code ""} when absent
 */
public record VqaItem(int qid, String imageName, String organ, String question, String answer, boolean closed,
        String questionType, String phraseType) {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Requires every text field to be non-null. */
    public VqaItem {
        Objects.requireNonNull(imageName, "imageName");
        Objects.requireNonNull(organ, "organ");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(questionType, "questionType");
        Objects.requireNonNull(phraseType, "phraseType");
    }

    /** Whether this item has an answer (question-only files have none). */
    public boolean hasAnswer() {
        return !answer.isEmpty();
    }

    /** Trims, lower-cases (root locale) and collapses internal whitespace to single spaces. */
    public static String normalizeAnswer(String answer) {
        return WHITESPACE.matcher(answer.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
