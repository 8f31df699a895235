package org.cnlp.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnlp.model.weights.internal.OnnxGraph;
import org.cnlp.model.weights.internal.ProtoReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the weights of a PyTorch-exported BERT-class ONNX model under their HuggingFace names.
 *
 * <p>Such exports keep the HuggingFace names on embeddings, LayerNorms and biases, but store every
 * Linear weight as an anonymous initializer ({@code onnx::MatMul_NNN}) already transposed to
 * {@code [in, out]}. The MatMul node consuming it is named after the module path
 * ({@code /encoder/layer.0/attention/self/query/MatMul}), which gives the HuggingFace name; the
 * Add that follows must add the bias of that same module, which is checked. Any disagreement
 * fails: a silently mis-mapped weight would give a model that runs and is wrong.
 */
public final class OnnxWeights {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxWeights.class);
    private static final String MATMUL_SUFFIX = "/MatMul";

    private OnnxWeights() {}

    /**
     * Extracts the float weights of an ONNX model, Linear weights transposed back to the
     * PyTorch layout {@code [out, in]}.
     *
     * @throws IllegalArgumentException when the bytes are not an ONNX model
     * @throws IllegalStateException when a Linear weight cannot be mapped or its bias check fails
     */
    public static WeightSet extract(byte[] onnxModel) {
        OnnxGraph graph = OnnxGraph.parse(onnxModel);
        Map<String, List<OnnxGraph.Node>> consumers = new HashMap<>();
        for (OnnxGraph.Node node : graph.nodes()) {
            for (String input : node.inputs()) {
                consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
            }
        }
        LinkedHashMap<String, HostTensor> out = new LinkedHashMap<>();
        for (OnnxGraph.Initializer initializer : graph.initializers().values()) {
            if (!isAnonymous(initializer.name()) && isFloat(initializer.dataType())) {
                out.put(initializer.name(), toHost(initializer));
            }
        }
        int mapped = 0;
        for (OnnxGraph.Node node : graph.nodes()) {
            if (!node.opType().equals("MatMul") || node.inputs().size() != 2) {
                continue;
            }
            OnnxGraph.Initializer weight = graph.initializers().get(node.inputs().get(1));
            if (weight == null) {
                continue;
            }
            String module = modulePath(node);
            HostTensor linear = toHost(weight);
            if (linear.rank() != 2) {
                throw mismatch(node, weight, "weight is not a matrix: " + linear);
            }
            checkBias(node, weight, module, linear.dim(1), graph, consumers);
            if (out.put(module + ".weight", linear.transpose()) != null) {
                throw mismatch(node, weight, "a second weight for " + module);
            }
            if (!isAnonymous(weight.name())) {
                out.remove(weight.name());
            }
            mapped++;
        }
        LOG.debug("ONNX model: {} named tensors, {} Linear weights mapped through their MatMul nodes", out.size() - mapped, mapped);
        return WeightSet.of(out);
    }

    private static String modulePath(OnnxGraph.Node node) {
        String name = node.name();
        if (!name.startsWith("/") || !name.endsWith(MATMUL_SUFFIX) || name.length() <= 1 + MATMUL_SUFFIX.length()) {
            throw new IllegalStateException("ONNX MatMul node '" + name + "' with a constant weight is not named after a module path"
                    + " (/module/path/MatMul): cannot map its weight " + node.inputs().get(1));
        }
        return name.substring(1, name.length() - MATMUL_SUFFIX.length()).replace('/', '.');
    }

    private static void checkBias(OnnxGraph.Node matMul, OnnxGraph.Initializer weight, String module, long outFeatures,
            OnnxGraph graph, Map<String, List<OnnxGraph.Node>> consumers) {
        List<OnnxGraph.Node> next = consumers.getOrDefault(matMul.outputs().getFirst(), List.of());
        if (next.size() != 1 || !next.getFirst().opType().equals("Add")) {
            throw mismatch(matMul, weight, "expected exactly one Add after it, found " + next.stream().map(OnnxGraph.Node::opType).toList());
        }
        OnnxGraph.Node add = next.getFirst();
        String expected = module + ".bias";
        String other = add.inputs().stream().filter(input -> !input.equals(matMul.outputs().getFirst())).findFirst().orElse("");
        if (!other.equals(expected)) {
            throw mismatch(matMul, weight, "the following Add adds '" + other + "', expected '" + expected + "'");
        }
        OnnxGraph.Initializer bias = graph.initializers().get(expected);
        if (bias == null || bias.dims().length != 1 || bias.dims()[0] != outFeatures) {
            throw mismatch(matMul, weight, "bias " + expected + " is missing or does not have " + outFeatures + " values");
        }
    }

    private static IllegalStateException mismatch(OnnxGraph.Node node, OnnxGraph.Initializer weight, String what) {
        return new IllegalStateException("ONNX weight mapping mismatch at node " + node.name() + " (weight " + weight.name() + "): " + what);
    }

    private static boolean isAnonymous(String name) {
        return name.startsWith("onnx::");
    }

    private static boolean isFloat(int dataType) {
        return dataType == OnnxGraph.FLOAT || dataType == OnnxGraph.FLOAT16 || dataType == OnnxGraph.BFLOAT16;
    }

    private static HostTensor toHost(OnnxGraph.Initializer initializer) {
        long[] shape = initializer.dims().clone();
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        if (initializer.raw().isEmpty()) {
            if (initializer.dataType() != OnnxGraph.FLOAT) {
                throw new IllegalStateException("ONNX initializer " + initializer.name() + " has no raw data");
            }
            return HostTensor.of(shape, initializer.floatData());
        }
        TensorType type = switch (initializer.dataType()) {
            case OnnxGraph.FLOAT -> TensorType.F32;
            case OnnxGraph.FLOAT16 -> TensorType.F16;
            case OnnxGraph.BFLOAT16 -> TensorType.BF16;
            default -> throw new IllegalStateException(
                    "ONNX initializer " + initializer.name() + " has data type " + initializer.dataType() + ", not a float type");
        };
        ProtoReader.ByteRange raw = initializer.raw().get();
        if (raw.length() != count * type.bytes()) {
            throw new IllegalStateException("ONNX initializer " + initializer.name() + " has " + raw.length() + " bytes for "
                    + count + " values of " + type);
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw.array(), raw.offset(), raw.length()).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[(int) count];
        if (type == TensorType.F32) {
            buffer.asFloatBuffer().get(values);
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = type.read(buffer);
            }
        }
        return HostTensor.adopt(shape, values);
    }
}
