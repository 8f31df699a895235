package org.cnlp.model.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.encoder.BertWeights;
import org.cnlp.model.onnx.OnnxModelBuilder.Attribute;
import org.cnlp.model.onnx.OnnxModelBuilder.Dim;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.WeightSet;

/**
 * Writes a BERT encoder ({@code BertEncoder}), optionally with its token-classification head
 * ({@code TokenClassifier}), as an ONNX model (IR 8, opset 17) that computes what the DJL
 * blocks compute at inference (no dropout):
 * <ul>
 *   <li>embeddings: word + token type + position (positions {@code 0..seq-1}), LayerNorm;</li>
 *   <li>additive mask {@code (1 - mask) * -Float.MAX_VALUE}, shaped {@code [batch, 1, 1, seq]};</li>
 *   <li>per layer: Q, K, V projections, {@code softmax(QK^T / sqrt(headSize) + mask) V}, output
 *       projection, residual + LayerNorm, exact (erf) GELU feed-forward, residual + LayerNorm;</li>
 *   <li>with {@code classifier.weight} ({@code [tags, hidden]}) and {@code classifier.bias} in the
 *       weights: a linear layer to one logit per tag.</li>
 * </ul>
 * Inputs {@code input_ids}, {@code attention_mask}, {@code token_type_ids}: int64
 * {@code [batch, sequence]}, both dimensions dynamic. Output {@code logits}
 * {@code [batch, sequence, tags]} with the head, {@code last_hidden_state}
 * {@code [batch, sequence, hidden]} without. Linear weights are stored transposed
 * ({@code [in, out]}) for {@code MatMul}; every initializer is raw little-endian F32.
 */
public final class OnnxExport {

    /** The IR version written. */
    public static final long IR_VERSION = 8;
    /** The default-domain opset written (17 is the first with LayerNormalization). */
    public static final long OPSET = 17;
    /** The output name with a classification head. */
    public static final String LOGITS = "logits";
    /** The output name without one. */
    public static final String LAST_HIDDEN_STATE = "last_hidden_state";

    private static final String CLASSIFIER_WEIGHT = "classifier.weight";
    private static final String CLASSIFIER_BIAS = "classifier.bias";

    private final BertConfig config;
    private final WeightSet weights;
    private final OnnxModelBuilder graph = new OnnxModelBuilder("bert");

    private OnnxExport(BertConfig config, WeightSet weights) {
        this.config = config;
        this.weights = weights;
    }

    /**
     * The ONNX model bytes of this encoder (and head, when the weights hold one).
     *
     * @throws IllegalArgumentException naming the tensor when a weight is missing or has the
     *     wrong shape
     */
    public static byte[] export(BertConfig config, WeightSet weights) {
        return new OnnxExport(config, weights).build();
    }

    /** Whether {@link #export} adds a classification head for these weights. */
    public static boolean hasClassifier(WeightSet weights) {
        return weights.contains(CLASSIFIER_WEIGHT);
    }

    private byte[] build() {
        checkShapes();
        Dim batch = Dim.named("batch");
        Dim sequence = Dim.named("sequence");
        String ids = graph.input("input_ids", OnnxModelBuilder.INT64, batch, sequence);
        String mask = graph.input("attention_mask", OnnxModelBuilder.INT64, batch, sequence);
        String types = graph.input("token_type_ids", OnnxModelBuilder.INT64, batch, sequence);
        graph.scalar("one", 1f);
        graph.scalar("lowest", -Float.MAX_VALUE);
        graph.scalar("half", 0.5f);
        graph.scalar("sqrt2", (float) Math.sqrt(2));
        graph.scalar("scale", (float) Math.sqrt(config.headSize()));
        graph.initializer("heads_shape", new long[] {4}, new long[] {0, 0, config.numHeads(), config.headSize()});
        graph.initializer("hidden_shape", new long[] {3}, new long[] {0, 0, config.hiddenSize()});

        String hidden = embeddings(ids, types);
        String additiveMask = additiveMask(mask);
        for (int i = 0; i < config.numLayers(); i++) {
            hidden = layer(i, hidden, additiveMask);
        }
        Dim width;
        String output;
        if (hasClassifier(weights)) {
            int tags = (int) weights.get(CLASSIFIER_WEIGHT).dim(0);
            output = linear("classifier", hidden, LOGITS);
            width = Dim.of(tags);
        } else {
            output = graph.node("Identity", LAST_HIDDEN_STATE, List.of(hidden));
            width = Dim.of(config.hiddenSize());
        }
        graph.output(output, OnnxModelBuilder.FLOAT, batch, sequence, width);
        return graph.build(IR_VERSION, OPSET, "cnlp");
    }

    private String embeddings(String ids, String types) {
        String words = graph.node("Gather", "embeddings.words", List.of(weight("embeddings.word_embeddings.weight"), ids));
        String typeRows = graph.node("Gather", "embeddings.types",
                List.of(weight("embeddings.token_type_embeddings.weight"), types));
        String length = graph.node("Shape", "sequence_length", List.of(ids), Attribute.of("start", 1L), Attribute.of("end", 2L));
        graph.initializer("zero_1d", new long[] {1}, new long[] {0});
        String positions = graph.node("Slice", "embeddings.positions",
                List.of(weight("embeddings.position_embeddings.weight"), "zero_1d", length, "zero_1d"));
        String sum = graph.node("Add", "embeddings.words_types", List.of(words, typeRows));
        sum = graph.node("Add", "embeddings.sum", List.of(sum, positions));
        return layerNorm("embeddings.LayerNorm", sum, "embeddings.output");
    }

    /** {@code (1 - mask) * lowest} as {@code [batch, 1, 1, sequence]}. */
    private String additiveMask(String mask) {
        String floatMask = graph.node("Cast", "mask.float", List.of(mask), Attribute.of("to", (long) OnnxModelBuilder.FLOAT));
        String inverted = graph.node("Sub", "mask.inverted", List.of("one", floatMask));
        String additive = graph.node("Mul", "mask.additive", List.of(inverted, "lowest"));
        graph.initializer("mask_axes", new long[] {2}, new long[] {1, 2});
        return graph.node("Unsqueeze", "mask.broadcast", List.of(additive, "mask_axes"));
    }

    private String layer(int index, String x, String mask) {
        String p = "encoder.layer." + index + ".";
        String q = heads(linear(p + "attention.self.query", x, p + "q"), p + "q.heads", new long[] {0, 2, 1, 3});
        String kT = heads(linear(p + "attention.self.key", x, p + "k"), p + "k.heads_t", new long[] {0, 2, 3, 1});
        String v = heads(linear(p + "attention.self.value", x, p + "v"), p + "v.heads", new long[] {0, 2, 1, 3});
        String scores = graph.node("MatMul", p + "scores", List.of(q, kT));
        scores = graph.node("Div", p + "scores.scaled", List.of(scores, "scale"));
        scores = graph.node("Add", p + "scores.masked", List.of(scores, mask));
        String probabilities = graph.node("Softmax", p + "probabilities", List.of(scores), Attribute.of("axis", -1L));
        String context = graph.node("MatMul", p + "context.heads", List.of(probabilities, v));
        context = graph.node("Transpose", p + "context.tokens", List.of(context), Attribute.ints("perm", 0, 2, 1, 3));
        context = graph.node("Reshape", p + "context", List.of(context, "hidden_shape"));
        String attended = linear(p + "attention.output.dense", context, p + "attention.projected");
        attended = graph.node("Add", p + "attention.residual", List.of(attended, x));
        String h = layerNorm(p + "attention.output.LayerNorm", attended, p + "attention.output");
        String inner = gelu(linear(p + "intermediate.dense", h, p + "intermediate"), p + "intermediate.gelu");
        String out = linear(p + "output.dense", inner, p + "output.projected");
        out = graph.node("Add", p + "output.residual", List.of(out, h));
        return layerNorm(p + "output.LayerNorm", out, p + "output");
    }

    /** {@code [batch, seq, hidden]} to per-head {@code [batch, heads, seq, headSize]} (or transposed for keys). */
    private String heads(String projected, String name, long[] perm) {
        String split = graph.node("Reshape", name + ".split", List.of(projected, "heads_shape"));
        return graph.node("Transpose", name, List.of(split), Attribute.ints("perm", perm));
    }

    /** {@code x W^T + b} for a torch-layout weight {@code [out, in]}. */
    private String linear(String prefix, String x, String output) {
        String weightT = transposed(prefix + ".weight");
        String product = graph.node("MatMul", output + ".matmul", List.of(x, weightT));
        return graph.node("Add", output, List.of(product, weight(prefix + ".bias")));
    }

    /** {@code x * 0.5 * (1 + erf(x / sqrt 2))}: exact GELU, in the form ONNX Runtime fuses into one kernel. */
    private String gelu(String x, String output) {
        String scaled = graph.node("Div", output + ".div", List.of(x, "sqrt2"));
        String erf = graph.node("Erf", output + ".erf", List.of(scaled));
        String shifted = graph.node("Add", output + ".add", List.of(erf, "one"));
        String product = graph.node("Mul", output + ".mul", List.of(x, shifted));
        return graph.node("Mul", output, List.of(product, "half"));
    }

    private String layerNorm(String prefix, String x, String output) {
        return graph.node("LayerNormalization", output, List.of(x, weight(prefix + ".weight"), weight(prefix + ".bias")),
                Attribute.of("axis", -1L), Attribute.of("epsilon", config.layerNormEps()));
    }

    private String weight(String name) {
        HostTensor tensor = weights.get(name);
        return graph.initializer(name, tensor.shape(), tensor.data());
    }

    private String transposed(String name) {
        HostTensor tensor = weights.get(name).transpose();
        return graph.initializer(name + ".T", tensor.shape(), tensor.data());
    }

    private void checkShapes() {
        for (Map.Entry<String, long[]> expected : BertWeights.shapes(config).entrySet()) {
            requireShape(expected.getKey(), expected.getValue());
        }
        if (hasClassifier(weights)) {
            long tags = weights.get(CLASSIFIER_WEIGHT).dim(0);
            requireShape(CLASSIFIER_WEIGHT, new long[] {tags, config.hiddenSize()});
            requireShape(CLASSIFIER_BIAS, new long[] {tags});
        }
    }

    private void requireShape(String name, long[] shape) {
        if (!weights.contains(name)) {
            throw new IllegalArgumentException("cannot export: the weights have no " + name);
        }
        long[] actual = weights.get(name).shape();
        if (!Arrays.equals(actual, shape)) {
            throw new IllegalArgumentException("cannot export: " + name + " has shape " + Arrays.toString(actual)
                    + ", the configuration needs " + Arrays.toString(shape));
        }
    }
}
