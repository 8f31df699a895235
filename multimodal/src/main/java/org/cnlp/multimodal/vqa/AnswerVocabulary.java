package org.cnlp.multimodal.vqa;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cnlp.multimodal.data.VqaItem;

/**
 * The answers a VQA model chooses from: every answer of the training questions, in order of
 * first appearance, each marked as a closed answer (seen for a closed question: yes, no, and the
 * options of "A or B?" questions) and/or an open one. A question is answered from the answers of
 * its kind ({@link #isClosedQuestion}), so a yes/no question never gets "left kidney".
 */
public final class AnswerVocabulary {

    private static final Set<String> CLOSED_OPENERS = Set.of("is", "are", "does", "do", "did", "was", "were", "can", "could",
            "has", "have", "had", "will", "would", "should", "shall", "may", "might", "must", "isn't", "aren't", "doesn't", "any");

    private final List<String> answers;
    private final Map<String, Integer> index;
    private final BitSet closed;
    private final BitSet open;

    private AnswerVocabulary(List<String> answers, BitSet closed, BitSet open) {
        this.answers = List.copyOf(answers);
        this.index = new HashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            index.put(answers.get(i), i);
        }
        this.closed = closed;
        this.open = open;
    }

    /** The vocabulary of {@code training} questions. */
    public static AnswerVocabulary of(List<VqaItem> training) {
        List<String> answers = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        BitSet closed = new BitSet();
        BitSet open = new BitSet();
        for (VqaItem item : training) {
            if (item.answer().isEmpty()) {
                continue;
            }
            int id = seen.computeIfAbsent(item.answer(), answer -> {
                answers.add(answer);
                return answers.size() - 1;
            });
            (item.closed() ? closed : open).set(id);
        }
        return new AnswerVocabulary(answers, closed, open);
    }

    /** Restores a saved vocabulary: answers in order with their kinds. */
    public static AnswerVocabulary restore(List<String> answers, List<Boolean> closedAnswers, List<Boolean> openAnswers) {
        BitSet closed = new BitSet();
        BitSet open = new BitSet();
        for (int i = 0; i < answers.size(); i++) {
            closed.set(i, closedAnswers.get(i));
            open.set(i, openAnswers.get(i));
        }
        return new AnswerVocabulary(answers, closed, open);
    }

    /** Whether a question reads as a closed one: it starts with an auxiliary verb or "any" ("Is there ...?", "Does ...?", "Any effusion?"); right for 98.3% of VQA-RAD's questions. */
    public static boolean isClosedQuestion(String question) {
        String first = question.strip().toLowerCase(Locale.ROOT).split("[^a-z']+", 2)[0];
        return CLOSED_OPENERS.contains(first);
    }

    public int size() {
        return answers.size();
    }

    public String answer(int id) {
        return answers.get(id);
    }

    /** The id of an answer, or -1 when the training questions never had it. */
    public int id(String answer) {
        return index.getOrDefault(answer, -1);
    }

    public List<String> answers() {
        return Collections.unmodifiableList(answers);
    }

    public boolean isClosedAnswer(int id) {
        return closed.get(id);
    }

    public boolean isOpenAnswer(int id) {
        return open.get(id);
    }

    /** A logit mask (0 allowed, a large negative number not) for a question of the given kind. */
    public float[] mask(boolean closedQuestion) {
        float[] mask = new float[answers.size()];
        BitSet allowed = closedQuestion ? closed : open;
        for (int i = 0; i < mask.length; i++) {
            mask[i] = allowed.get(i) ? 0f : -1e4f;
        }
        return mask;
    }
}
