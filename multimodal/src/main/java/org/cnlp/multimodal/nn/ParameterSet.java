package org.cnlp.multimodal.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SequencedMap;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.WeightSet;

/**
 * The named weights of a small network written with DJL's functional operators: created with a
 * seeded initialisation (or loaded from a {@link WeightSet}), trained through their gradients
 * (the distillation module's AdamW takes {@link #parameters()}), and exported back to a
 * {@link WeightSet} for a safetensors file. Not thread-safe while training; read-only use after.
 */
public final class ParameterSet implements AutoCloseable {

    private final NDManager manager;
    private final SequencedMap<String, Parameter> parameters = new LinkedHashMap<>();
    private final Random random;

    /** An empty set whose arrays live in a child of {@code parent}; initial values come from {@code seed}. */
    public ParameterSet(NDManager parent, long seed) {
        this.manager = parent.newSubManager();
        this.random = new Random(seed);
    }

    /** Adds a weight of {@code shape} drawn from N(0, 2/fanIn) (He initialisation, for ReLU layers). */
    public NDArray he(String name, int fanIn, long... shape) {
        Gaussian values = gaussian(shape, Math.sqrt(2.0 / fanIn));
        return add(name, values.values(), values.shape());
    }

    /** Adds a weight of {@code shape} drawn from N(0, 1/fanIn) (for linear and tanh layers). */
    public NDArray lecun(String name, int fanIn, long... shape) {
        Gaussian values = gaussian(shape, Math.sqrt(1.0 / fanIn));
        return add(name, values.values(), values.shape());
    }

    /** Adds a zero weight (biases). */
    public NDArray zeros(String name, long... shape) {
        return add(name, new float[(int) new Shape(shape).size()], shape);
    }

    private NDArray add(String name, float[] values, long... shape) {
        if (parameters.containsKey(name)) {
            throw new IllegalArgumentException("parameter " + name + " defined twice");
        }
        NDArray array = manager.create(values, new Shape(shape));
        array.setRequiresGradient(true);
        Parameter parameter = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        parameter.setArray(array);
        parameters.put(name, parameter);
        return array;
    }

    private record Gaussian(float[] values, long[] shape) {}

    private Gaussian gaussian(long[] shape, double std) {
        float[] values = new float[(int) new Shape(shape).size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return new Gaussian(values, shape);
    }

    /** The array of a parameter. */
    public NDArray get(String name) {
        Parameter parameter = parameters.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException("no parameter " + name + "; have " + parameters.keySet());
        }
        return parameter.getArray();
    }

    /** The parameters by name, in definition order. */
    public SequencedMap<String, Parameter> parameters() {
        return parameters;
    }

    /** The number of weights. */
    public long count() {
        return parameters.values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /** Copies of the current values, for a safetensors file. */
    public WeightSet export(String prefix) {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        parameters.forEach((name, p) -> tensors.put(prefix + name, HostTensor.of(p.getArray())));
        return WeightSet.of(tensors);
    }

    /**
     * Replaces every value with the tensor of the same name (after {@code prefix}) in {@code weights}.
     *
     * @throws IllegalArgumentException naming a missing tensor or a shape mismatch
     */
    public void load(WeightSet weights, String prefix) {
        parameters.forEach((name, p) -> {
            if (!weights.contains(prefix + name)) {
                throw new IllegalArgumentException("the weights have no tensor " + prefix + name);
            }
            HostTensor tensor = weights.get(prefix + name);
            if (!new Shape(tensor.shape()).equals(p.getArray().getShape())) {
                throw new IllegalArgumentException("tensor " + prefix + name + " has shape " + new Shape(tensor.shape())
                        + ", the network expects " + p.getArray().getShape());
            }
            p.getArray().set(tensor.data());
        });
    }

    /** Turns gradients off (inference after training or loading). */
    public void freeze() {
        parameters.values().forEach(p -> p.getArray().setRequiresGradient(false));
    }

    @Override
    public void close() {
        manager.close();
    }
}
