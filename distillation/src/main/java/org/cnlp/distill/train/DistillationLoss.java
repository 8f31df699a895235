package org.cnlp.distill.train;

import ai.djl.ndarray.NDArray;

/**
 * Knowledge distillation for token classification: {@code alpha * T^2 * KL(teacher_T || student_T)
 * + (1 - alpha) * hard}, where {@code _T} are distributions softened by temperature {@code T}
 * and {@code hard} is the partial-label loss on the gold ({@link PartialLabelLoss}). The KL term
 * averages over every weighted token (labelled and unlabelled windows alike); the hard term over
 * the tokens whose gold says something (not every tag allowed), so unlabelled transfer text does
 * not dilute it.
 */
public final class DistillationLoss {

    private DistillationLoss() {}

    /**
     * @param studentLogits {@code [batch, tokens, tags]}
     * @param teacherLogits {@code [batch, tokens, tags]}
     * @param allowed {@code [batch, tokens, tags]}
     * @param weights {@code [batch, tokens]}
     */
    public static NDArray compute(NDArray studentLogits, NDArray teacherLogits, NDArray allowed, NDArray weights, double temperature,
            double alpha) {
        NDArray soft = softTerm(studentLogits, teacherLogits, weights, temperature);
        long tags = allowed.getShape().get(2);
        NDArray informative = allowed.sum(new int[] {2}).lt((float) (tags - 0.5)).toType(weights.getDataType(), false);
        NDArray hard = PartialLabelLoss.compute(studentLogits, allowed, weights.mul(informative));
        return soft.mul((float) alpha).add(hard.mul((float) (1 - alpha)));
    }

    /** {@code T^2} times the mean KL divergence of the softened distributions over the weighted tokens. */
    static NDArray softTerm(NDArray studentLogits, NDArray teacherLogits, NDArray weights, double temperature) {
        NDArray teacherLog = teacherLogits.div((float) temperature).logSoftmax(2);
        NDArray studentLog = studentLogits.div((float) temperature).logSoftmax(2);
        NDArray kl = teacherLog.exp().mul(teacherLog.sub(studentLog)).sum(new int[] {2});
        return kl.mul(weights).sum().div(weights.sum().maximum(1f)).mul((float) (temperature * temperature));
    }
}
