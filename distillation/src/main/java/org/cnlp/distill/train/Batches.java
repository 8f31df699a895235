package org.cnlp.distill.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.cnlp.distill.data.TaggedWindow;
import org.cnlp.model.encoder.EncoderBatch;

/**
 * A batch of training windows as arrays: the model inputs, and the allowed-tag mask
 * {@code [batch, tokens, tags]} and token weights {@code [batch, tokens]}, padded alike.
 */
public record Batches(EncoderBatch inputs, NDList modelInputs, NDArray allowed, NDArray weights) {

    /** Pads {@code windows} to the longest and creates the arrays in {@code manager}. */
    public static Batches of(List<TaggedWindow> windows, int tags, NDManager manager) {
        EncoderBatch inputs = EncoderBatch.of(windows.stream().map(TaggedWindow::tokens).toList(), 0);
        int length = inputs.length();
        float[] allowed = new float[windows.size() * length * tags];
        float[] weights = new float[windows.size() * length];
        for (int b = 0; b < windows.size(); b++) {
            TaggedWindow w = windows.get(b);
            System.arraycopy(w.allowed(), 0, allowed, b * length * tags, w.allowed().length);
            System.arraycopy(w.weights(), 0, weights, b * length, w.weights().length);
        }
        return new Batches(inputs, inputs.toNDList(manager), manager.create(allowed, new Shape(windows.size(), length, tags)),
                manager.create(weights, new Shape(windows.size(), length)));
    }
}
