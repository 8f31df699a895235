package org.cnlp.pipeline.eval;

/**
 * True positives, false positives and false negatives, with precision, recall and F1.
 * A ratio whose denominator is 0 is 0.
 */
public record PrfCounts(long tp, long fp, long fn) {

    public static final PrfCounts ZERO = new PrfCounts(0, 0, 0);

    public PrfCounts {
        if (tp < 0 || fp < 0 || fn < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    /** tp / (tp + fp). */
    public double precision() {
        return ratio(tp, tp + fp);
    }

    /** tp / (tp + fn). */
    public double recall() {
        return ratio(tp, tp + fn);
    }

    /** 2PR / (P + R), equal to 2tp / (2tp + fp + fn). */
    public double f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    /** Gold mentions: tp + fn. */
    public long gold() {
        return tp + fn;
    }

    /** Predicted mentions: tp + fp. */
    public long predicted() {
        return tp + fp;
    }

    public PrfCounts plus(PrfCounts other) {
        return new PrfCounts(tp + other.tp, fp + other.fp, fn + other.fn);
    }

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
