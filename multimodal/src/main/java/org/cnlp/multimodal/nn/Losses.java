package org.cnlp.multimodal.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Losses of the multimodal networks. */
public final class Losses {

    private Losses() {}

    /** Mean softmax cross-entropy of {@code logits [batch, classes]} against integer {@code labels [batch]}. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray picked = logProbabilities.mul(labels.toType(DataType.INT64, false)
                .oneHot((int) logits.getShape().get(1)).toType(logits.getDataType(), false)).sum(new int[] {1});
        return picked.mean().neg();
    }
}
