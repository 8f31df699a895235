package org.cnlp.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * A BERT encoder on DJL blocks that computes what HuggingFace {@code BertModel} computes
 * (last hidden state, no pooler): embeddings, then {@code numLayers} post-LayerNorm layers.
 *
 * <p>Inputs: {@code input_ids}, {@code attention_mask} (1 = token, 0 = padding) and optionally
 * {@code token_type_ids}, all int64 {@code [batch, tokens]}. Output: {@code [batch, tokens,
 * hidden]}. Parameters carry the checkpoint names of {@code BertModel}
 * ({@link #namedParameters()}), so weights load by name from any source. Dropout is active only
 * in training forwards. Every array a forward creates belongs to the inputs' manager.
 */
public final class BertEncoder extends AbstractBlock implements TokenBlock {

    private static final byte VERSION = 1;

    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final List<BertLayer> layers;

    /** An uninitialized encoder of this shape. */
    public BertEncoder(BertConfig config) {
        super(VERSION);
        this.config = config;
        this.embeddings = addChildBlock("embeddings", new BertEmbeddings(config));
        List<BertLayer> built = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            built.add(addChildBlock("layer_" + i, new BertLayer(config)));
        }
        this.layers = List.copyOf(built);
    }

    /** The configuration. */
    public BertConfig config() {
        return config;
    }

    @Override
    public SequencedMap<String, Parameter> namedParameters() {
        SequencedMap<String, Parameter> out = new LinkedHashMap<>();
        embeddings.collect("embeddings.", out);
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).collect("encoder.layer." + i + ".", out);
        }
        return Collections.unmodifiableSequencedMap(out);
    }

    @Override
    public int outputSize() {
        return config.hiddenSize();
    }

    @Override
    public int maxSequenceLength() {
        return config.maxPositions();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        List<NDArray> states = hiddenStates(store, inputs, training);
        return new NDList(states.getLast());
    }

    /**
     * The embedding output followed by every layer's output ({@code numLayers + 1} arrays of
     * {@code [batch, tokens, hidden]}), as HuggingFace's {@code output_hidden_states}: what
     * layer-wise distillation needs.
     */
    public List<NDArray> hiddenStates(ParameterStore store, NDList inputs, boolean training) {
        return states(store, inputs, training).hidden();
    }

    /**
     * What layer-wise distillation reads from one pass.
     *
     * @param hidden the embedding output and every layer's output ({@code numLayers + 1} arrays of {@code [batch, tokens, hidden]})
     * @param attention every layer's attention probabilities ({@code numLayers} arrays of {@code [batch, heads, tokens, tokens]})
     */
    public record States(List<NDArray> hidden, List<NDArray> attention) {}

    /** Hidden states and attention maps of every layer. */
    public States states(ParameterStore store, NDList inputs, boolean training) {
        if (inputs.size() < 2 || inputs.size() > 3) {
            throw new IllegalArgumentException("expected (input_ids, attention_mask[, token_type_ids]), got " + inputs.size() + " arrays");
        }
        NDArray ids = inputs.get(0);
        NDArray types = inputs.size() == 3 ? inputs.get(2) : ids.zerosLike();
        NDArray hidden = embeddings.forward(store, new NDList(ids, types), training).head();
        NDArray mask = additiveMask(inputs.get(1), hidden.getDataType());
        List<NDArray> states = new ArrayList<>(layers.size() + 1);
        List<NDArray> attention = new ArrayList<>(layers.size());
        states.add(hidden);
        for (BertLayer layer : layers) {
            List<NDArray> out = layer.forwardWithAttention(store, hidden, mask, training);
            hidden = out.get(0);
            states.add(hidden);
            attention.add(out.get(1));
        }
        return new States(states, attention);
    }

    /** {@code (1 - mask) * lowest}, shaped {@code [batch, 1, 1, tokens]} to broadcast over heads and queries. */
    private static NDArray additiveMask(NDArray attentionMask, DataType type) {
        Shape shape = attentionMask.getShape();
        double lowest = switch (type) {
            case FLOAT16 -> -65504.0;
            case BFLOAT16 -> -3.3895313892515355e38;
            default -> -Float.MAX_VALUE;
        };
        return attentionMask.toType(type, false).neg().add(1).mul(lowest).reshape(shape.get(0), 1, 1, shape.get(1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(config.hiddenSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        embeddings.initialize(manager, dataType, ids, ids);
        Shape hidden = ids.add(config.hiddenSize());
        Shape mask = new Shape(ids.get(0), 1, 1, ids.get(1));
        for (BertLayer layer : layers) {
            layer.initialize(manager, dataType, hidden, mask);
        }
    }
}
