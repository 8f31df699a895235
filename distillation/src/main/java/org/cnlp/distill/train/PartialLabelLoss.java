package org.cnlp.distill.train;

import ai.djl.ndarray.NDArray;

/**
 * The negative log of the probability the model gives to the tags the gold allows, averaged over
 * the weighted tokens: with one allowed tag this is cross-entropy; with several (partial labels)
 * the model may spread its mass among them freely.
 */
public final class PartialLabelLoss {

    /** How far a disallowed tag's logit is pushed down before the masked log-sum-exp. */
    private static final double MASK = 1e4;

    private PartialLabelLoss() {}

    /**
     * @param logits {@code [batch, tokens, tags]}
     * @param allowed {@code [batch, tokens, tags]}, 1 where the gold allows the tag
     * @param weights {@code [batch, tokens]}, 1 for tokens that count
     * @return a scalar
     */
    public static NDArray compute(NDArray logits, NDArray allowed, NDArray weights) {
        NDArray all = logSumExp(logits);
        NDArray permitted = logSumExp(logits.add(allowed.sub(1).mul(MASK)));
        NDArray perToken = all.sub(permitted).mul(weights);
        return perToken.sum().div(weights.sum().maximum(1f));
    }

    /** {@code log(sum(exp(x)))} over the last axis, stable. */
    static NDArray logSumExp(NDArray x) {
        int last = x.getShape().dimension() - 1;
        NDArray max = x.max(new int[] {last}, true);
        return x.sub(max).exp().sum(new int[] {last}).log().add(max.squeeze(last));
    }
}
