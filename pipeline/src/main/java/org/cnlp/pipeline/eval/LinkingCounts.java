package org.cnlp.pipeline.eval;

/**
 * Linking counts for one type or overall.
 *
 * @param mentions         gold mentions with at least one normalised id
 * @param correct          mentions whose top concept matched a gold id
 * @param reachable        mentions with at least one gold id the index can reach
 * @param correctReachable correct mentions among the reachable ones
 * @param unlinked         mentions for which the linker returned nothing
 */
public record LinkingCounts(long mentions, long correct, long reachable, long correctReachable, long unlinked) {

    public static final LinkingCounts ZERO = new LinkingCounts(0, 0, 0, 0, 0);

    /** Accuracy@1 over all normalised gold mentions; 0 without mentions. */
    public double accuracy() {
        return PrfCounts.ratio(correct, mentions);
    }

    /** Accuracy@1 over reachable gold mentions only; 0 without such mentions. */
    public double reachableAccuracy() {
        return PrfCounts.ratio(correctReachable, reachable);
    }

    /** Mentions none of whose gold ids the index can reach. */
    public long unreachable() {
        return mentions - reachable;
    }

    public LinkingCounts plus(LinkingCounts other) {
        return new LinkingCounts(mentions + other.mentions, correct + other.correct, reachable + other.reachable,
                correctReachable + other.correctReachable, unlinked + other.unlinked);
    }
}
