package org.cnlp.distill.teacher;

import org.cnlp.distill.report.EpochMetrics;

/** Hears a training run's progress (a progress bar, a log). Called on the training thread. */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {};

    /** A one-line status message (data loaded, resumed from epoch N, ...). */
    default void message(String text) {}

    /** An epoch of {@code steps} steps begins. */
    default void epochStarted(int epoch, int epochs, int steps) {}

    /** A step finished with this batch loss. */
    default void stepDone(int step, int steps, double loss) {}

    /** The development sets are being tagged. */
    default void evaluating(int epoch) {}

    /** An epoch finished; {@code improved} when it is the best so far (and now the saved model). */
    default void epochDone(EpochMetrics metrics, boolean improved) {}

    /** Asked after each checkpoint: true ends the run there, as an interruption would (it can be resumed). */
    default boolean stopRequested() {
        return false;
    }
}
