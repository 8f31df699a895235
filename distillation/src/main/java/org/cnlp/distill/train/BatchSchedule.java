package org.cnlp.distill.train;

/**
 * The batch size per step: fixed, or adaptive within {@code [min, max]}. The adaptive schedule
 * looks at the mean loss of every {@code window} steps: when it fell by more than
 * {@code improvement} (relative) since the previous window the batch doubles (the loss keeps
 * falling: larger, cheaper steps), otherwise it halves (a plateau: smaller, noisier steps).
 * The learning rate scales linearly with the batch ({@link #rateScale}). Its state at an epoch
 * boundary is checkpointed, so a resumed run continues the same sequence.
 */
public final class BatchSchedule {

    /** What an epoch boundary must remember. */
    public record State(int batchSize, double reference) {}

    private final int initial;
    private final int min;
    private final int max;
    private final int window;
    private final double improvement;
    private int current;
    private double reference;
    private double windowSum;
    private int windowCount;

    private BatchSchedule(int initial, int min, int max, int window, double improvement) {
        if (min < 1 || initial < min || initial > max || window < 1 || improvement < 0) {
            throw new IllegalArgumentException("batch schedule needs 1 <= min <= initial <= max, window >= 1, improvement >= 0");
        }
        this.initial = initial;
        this.min = min;
        this.max = max;
        this.window = window;
        this.improvement = improvement;
        this.current = initial;
        this.reference = Double.NaN;
    }

    /** Always {@code batch}. */
    public static BatchSchedule fixed(int batch) {
        return new BatchSchedule(batch, batch, batch, 1, 0);
    }

    /** Starting at {@code initial}, between {@code min} and {@code max}, decided every {@code window} steps on a 1% improvement. */
    public static BatchSchedule adaptive(int initial, int min, int max, int window) {
        return new BatchSchedule(initial, min, max, window, 0.01);
    }

    /**
     * The schedule a command-line value names: empty for a fixed {@code batch}, or
     * {@code MIN..MAX} for an adaptive one starting at {@code batch} (clamped into the bounds),
     * deciding every 20 steps.
     */
    public static BatchSchedule parse(String spec, int batch) {
        if (spec == null || spec.isBlank()) {
            return fixed(batch);
        }
        String[] bounds = spec.strip().split("\\.\\.");
        int low;
        int high;
        try {
            low = Integer.parseInt(bounds[0].strip());
            high = Integer.parseInt(bounds[1].strip());
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--adaptive-batch takes MIN..MAX (for example 8..128), got '" + spec + "'");
        }
        return adaptive(Math.max(low, Math.min(high, batch)), low, high, 20);
    }

    /** Whether the batch can change. */
    public boolean adaptive() {
        return min != max;
    }

    /** The batch size of the next step. */
    public int current() {
        return current;
    }

    /** The learning-rate multiplier of the current batch (linear scaling from the initial batch). */
    public double rateScale() {
        return (double) current / initial;
    }

    /** Records a step's loss; may change the batch for the following steps. */
    public void observe(double loss) {
        if (!adaptive() || !Double.isFinite(loss)) {
            return;
        }
        windowSum += loss;
        if (++windowCount < window) {
            return;
        }
        double mean = windowSum / windowCount;
        windowSum = 0;
        windowCount = 0;
        if (!Double.isNaN(reference)) {
            current = mean < reference * (1 - improvement) ? Math.min(max, current * 2) : Math.max(min, current / 2);
        }
        reference = mean;
    }

    /** The state to checkpoint (at an epoch boundary, where the partial window is dropped). */
    public State state() {
        return new State(current, reference);
    }

    /** Continues from a checkpoint. */
    public void restore(State state) {
        current = Math.max(min, Math.min(max, state.batchSize()));
        reference = state.reference();
        windowSum = 0;
        windowCount = 0;
    }

    /** Starts an epoch: the partial window of the previous one is dropped (as a resume would). */
    public void startEpoch() {
        windowSum = 0;
        windowCount = 0;
    }

    @Override
    public String toString() {
        return adaptive() ? "adaptive " + min + ".." + max + " from " + initial + " every " + window + " steps" : "fixed " + initial;
    }
}
