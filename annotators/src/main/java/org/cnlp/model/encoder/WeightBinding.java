package org.cnlp.model.encoder;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.WeightSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a {@link TokenBlock}'s parameters with named weights: {@link #bind} makes each
 * parameter initialize from its weight (so the arrays are created directly on the target
 * device, CPU or GPU, when the block is initialized); {@link #export} copies them back out.
 */
public final class WeightBinding {

    private static final Logger LOG = LoggerFactory.getLogger(WeightBinding.class);

    private WeightBinding() {}

    /**
     * Sets every parameter of {@code block} to initialize from the weight of the same name.
     * Call before {@code block.initialize(...)}.
     *
     * @throws IllegalArgumentException listing every missing weight and every shape mismatch
     */
    public static void bind(TokenBlock block, WeightSet weights) {
        Map<String, Parameter> parameters = block.namedParameters();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            String name = e.getKey();
            if (!weights.contains(name)) {
                problems.add("missing " + name);
                continue;
            }
            HostTensor tensor = weights.get(name);
            Shape expected = e.getValue().getShape();
            if (expected != null && !Arrays.equals(expected.getShape(), tensor.shape())) {
                problems.add(name + " has shape " + Arrays.toString(tensor.shape()) + ", the model needs " + expected);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("weights do not fit the model (" + problems.size() + " problems): "
                    + String.join("; ", problems.subList(0, Math.min(problems.size(), 12)))
                    + (problems.size() > 12 ? "; ..." : ""));
        }
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            HostTensor tensor = weights.get(e.getKey());
            String name = e.getKey();
            e.getValue().setInitializer((manager, shape, dataType) -> {
                if (!Arrays.equals(shape.getShape(), tensor.shape())) {
                    throw new IllegalArgumentException(name + ": the model asks for shape " + shape + ", the weight has "
                            + Arrays.toString(tensor.shape()));
                }
                return tensor.toNDArray(manager).toType(dataType, false);
            });
        }
        List<String> unused = weights.names().stream().filter(n -> !parameters.containsKey(n)).toList();
        if (!unused.isEmpty()) {
            LOG.info("{} weights not used by the model (first: {})", unused.size(), unused.getFirst());
        }
    }

    /** The current values of every parameter of an initialized block, by checkpoint name. */
    public static WeightSet export(TokenBlock block) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        block.namedParameters().forEach((name, parameter) -> out.put(name, HostTensor.of(parameter.getArray())));
        return WeightSet.of(out);
    }
}
