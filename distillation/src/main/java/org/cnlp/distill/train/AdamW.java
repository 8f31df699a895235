package org.cnlp.distill.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.WeightSet;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), bias-corrected, over named
 * parameters. No decay on biases and LayerNorm parameters, as in the BERT recipe. Its whole
 * state (step count, first and second moments) can be exported and restored, so that a resumed
 * run continues exactly where the interrupted one stopped.
 *
 * <p>Call {@link #step} after the backward pass, outside the gradient collector; it zeroes the
 * gradients it consumed.
 */
public final class AdamW implements AutoCloseable {

    private static final NDIndex ALL = new NDIndex("...");

    private final SequencedMap<String, Parameter> parameters;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final NDManager manager;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private long steps;

    /** With the usual betas (0.9, 0.999) and epsilon 1e-8. */
    public AdamW(SequencedMap<String, Parameter> parameters, double weightDecay, NDManager parent) {
        this(parameters, 0.9, 0.999, 1e-8, weightDecay, parent);
    }

    public AdamW(SequencedMap<String, Parameter> parameters, double beta1, double beta2, double epsilon, double weightDecay,
            NDManager parent) {
        this.parameters = parameters;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.manager = parent.newSubManager();
        parameters.forEach((name, p) -> {
            first.put(name, manager.zeros(p.getArray().getShape(), p.getArray().getDataType()));
            second.put(name, manager.zeros(p.getArray().getShape(), p.getArray().getDataType()));
        });
    }

    /**
     * Updates every parameter from its gradient at learning rate {@code lr}, then zeroes the
     * gradients; when any gradient holds a NaN or an infinity nothing is updated (as a loss
     * scaler would skip the step) and false is returned.
     */
    public boolean step(double lr) {
        if (!gradientsFinite()) {
            discardGradients();
            return false;
        }
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        try (NDScope scope = new NDScope()) {
            for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                NDArray weight = e.getValue().getArray();
                if (!weight.hasGradient()) {
                    continue; // not part of this step's graph: no update, no decay (as PyTorch skips a None gradient)
                }
                NDArray gradient = weight.getGradient();
                NDArray m = first.get(e.getKey());
                NDArray v = second.get(e.getKey());
                m.muli(beta1).addi(gradient.mul(1 - beta1));
                v.muli(beta2).addi(gradient.square().mul(1 - beta2));
                NDArray update = m.div(correction1).div(v.div(correction2).sqrt().add(epsilon));
                if (weightDecay > 0 && decays(e.getKey())) {
                    weight.subi(weight.mul(lr * weightDecay));
                }
                weight.subi(update.mul(lr));
                zero(gradient);
            }
        }
        return true;
    }

    /** Whether every gradient is finite (one reduction per parameter). */
    private boolean gradientsFinite() {
        try (NDScope scope = new NDScope()) {
            for (Parameter p : parameters.values()) {
                NDArray weight = p.getArray();
                if (weight.hasGradient() && !weight.getGradient().isInfinite().logicalOr(weight.getGradient().isNaN()).none().getBoolean()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Zeroes every gradient without updating anything (a skipped step). */
    public void discardGradients() {
        try (NDScope scope = new NDScope()) {
            for (Parameter p : parameters.values()) {
                if (p.getArray().hasGradient()) {
                    zero(p.getArray().getGradient());
                }
            }
        }
    }

    /** The number of steps taken. */
    public long steps() {
        return steps;
    }

    /** The moments, as {@code m.NAME} and {@code v.NAME}. */
    public WeightSet exportState() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        first.forEach((name, array) -> out.put("m." + name, HostTensor.of(array)));
        second.forEach((name, array) -> out.put("v." + name, HostTensor.of(array)));
        return WeightSet.of(out);
    }

    /**
     * Restores moments exported by {@link #exportState} and the step count.
     *
     * @throws IllegalArgumentException when a moment is missing or has another shape
     */
    public void restoreState(WeightSet state, long stepCount) {
        for (String name : parameters.keySet()) {
            restore(state, "m." + name, first.get(name));
            restore(state, "v." + name, second.get(name));
        }
        this.steps = stepCount;
    }

    private static void restore(WeightSet state, String key, NDArray target) {
        if (!state.contains(key)) {
            throw new IllegalArgumentException("optimizer state lacks " + key + ": it belongs to another model");
        }
        HostTensor tensor = state.get(key);
        if (!java.util.Arrays.equals(tensor.shape(), target.getShape().getShape())) {
            throw new IllegalArgumentException("optimizer state " + key + " has another shape: it belongs to another model");
        }
        target.set(tensor.data());
    }

    /** Sets every element to 0, NaN and infinities included (unlike multiplying by 0). */
    private static void zero(NDArray gradient) {
        gradient.set(ALL, 0f);
    }

    static boolean decays(String name) {
        return !name.endsWith(".bias") && !name.contains("LayerNorm");
    }

    @Override
    public void close() {
        manager.close();
    }
}
