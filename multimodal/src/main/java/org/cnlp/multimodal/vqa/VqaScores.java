package org.cnlp.multimodal.vqa;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accuracy of answers against gold: overall, on closed and on open questions, and per
 * question type.
 */
public record VqaScores(Count overall, Count closed, Count open, Map<String, Count> byQuestionType) {

    /** Correct answers among questions. */
    public record Count(int correct, int questions) {
        public double accuracy() {
            return questions == 0 ? 0 : correct / (double) questions;
        }

        Count plus(boolean right) {
            return new Count(correct + (right ? 1 : 0), questions + 1);
        }
    }

    static final Count ZERO = new Count(0, 0);

    /** Accumulates scores. */
    static final class Builder {
        private Count overall = ZERO;
        private Count closed = ZERO;
        private Count open = ZERO;
        private final Map<String, Count> byType = new TreeMap<>();

        void add(boolean closedQuestion, String questionType, boolean right) {
            overall = overall.plus(right);
            if (closedQuestion) {
                closed = closed.plus(right);
            } else {
                open = open.plus(right);
            }
            for (String type : questionType.split(",")) {
                byType.merge(type.strip().isEmpty() ? "unknown" : type.strip().toUpperCase(Locale.ROOT),
                        ZERO.plus(right), (a, b) -> new Count(a.correct() + b.correct(), a.questions() + b.questions()));
            }
        }

        VqaScores build() {
            return new VqaScores(overall, closed, open, Map.copyOf(byType));
        }
    }

    /** Scores {@code predicted} answers against the items' gold answers. */
    public static VqaScores of(java.util.List<org.cnlp.multimodal.data.VqaItem> items, java.util.List<String> predicted) {
        Builder builder = new Builder();
        for (int i = 0; i < items.size(); i++) {
            builder.add(items.get(i).closed(), items.get(i).questionType(), predicted.get(i).equals(items.get(i).answer()));
        }
        return builder.build();
    }

    /** One line: overall, closed and open accuracy with counts. */
    public String summary() {
        return String.format(Locale.ROOT, "overall %.4f (%d/%d), closed %.4f (%d/%d), open %.4f (%d/%d)", overall.accuracy(),
                overall.correct(), overall.questions(), closed.accuracy(), closed.correct(), closed.questions(), open.accuracy(),
                open.correct(), open.questions());
    }
}
