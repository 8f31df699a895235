package org.cnlp.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.SequencedMap;

/**
 * One post-LayerNorm transformer layer as in HuggingFace {@code BertLayer}: multi-head
 * self-attention (scores divided by the square root of the head size, additive mask, softmax),
 * output projection, residual + LayerNorm, then a GELU (exact, erf) feed-forward, residual +
 * LayerNorm. Inputs: {@code (hidden [batch, tokens, hidden], mask [batch, 1, 1, tokens])}.
 */
final class BertLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final BertConfig config;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Dropout attentionDropout;
    private final Linear attentionOutput;
    private final Dropout attentionOutputDropout;
    private final LayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear output;
    private final Dropout outputDropout;
    private final LayerNorm outputNorm;
    private final double scale;

    BertLayer(BertConfig config) {
        super(VERSION);
        this.config = config;
        int hidden = config.hiddenSize();
        query = addChildBlock("query", Layers.linear(hidden));
        key = addChildBlock("key", Layers.linear(hidden));
        value = addChildBlock("value", Layers.linear(hidden));
        attentionDropout = addChildBlock("attention_dropout", Dropout.builder().optRate(config.attentionDropout()).build());
        attentionOutput = addChildBlock("attention_output", Layers.linear(hidden));
        attentionOutputDropout = addChildBlock("attention_output_dropout", Dropout.builder().optRate(config.hiddenDropout()).build());
        attentionNorm = addChildBlock("attention_norm", Layers.layerNorm(config));
        intermediate = addChildBlock("intermediate", Layers.linear(config.intermediateSize()));
        output = addChildBlock("output", Layers.linear(hidden));
        outputDropout = addChildBlock("output_dropout", Dropout.builder().optRate(config.hiddenDropout()).build());
        outputNorm = addChildBlock("output_norm", Layers.layerNorm(config));
        scale = Math.sqrt(config.headSize());
    }

    void collect(String prefix, SequencedMap<String, Parameter> out) {
        Layers.collectLinear(prefix + "attention.self.query", query, out);
        Layers.collectLinear(prefix + "attention.self.key", key, out);
        Layers.collectLinear(prefix + "attention.self.value", value, out);
        Layers.collectLinear(prefix + "attention.output.dense", attentionOutput, out);
        Layers.collectNorm(prefix + "attention.output.LayerNorm", attentionNorm, out);
        Layers.collectLinear(prefix + "intermediate.dense", intermediate, out);
        Layers.collectLinear(prefix + "output.dense", output, out);
        Layers.collectNorm(prefix + "output.LayerNorm", outputNorm, out);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forwardWithAttention(store, inputs.get(0), inputs.get(1), training).getFirst());
    }

    /** The layer's output and its attention probabilities {@code [batch, heads, tokens, tokens]} (before dropout). */
    List<NDArray> forwardWithAttention(ParameterStore store, NDArray x, NDArray mask, boolean training) {
        long batch = x.getShape().get(0);
        long tokens = x.getShape().get(1);
        NDArray q = heads(apply(query, store, x, training), batch, tokens);
        NDArray k = heads(apply(key, store, x, training), batch, tokens);
        NDArray v = heads(apply(value, store, x, training), batch, tokens);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(scale).add(mask);
        NDArray attention = scores.softmax(-1);
        NDArray probabilities = apply(attentionDropout, store, attention, training);
        NDArray context = probabilities.matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, config.hiddenSize());
        NDArray attended = apply(attentionOutputDropout, store, apply(attentionOutput, store, context, training), training);
        NDArray h = apply(attentionNorm, store, attended.add(x), training);
        NDArray inner = Activation.gelu(apply(intermediate, store, h, training));
        NDArray out = apply(outputDropout, store, apply(output, store, inner, training), training);
        return List.of(apply(outputNorm, store, out.add(h), training), attention);
    }

    private NDArray heads(NDArray projected, long batch, long tokens) {
        return projected.reshape(batch, tokens, config.numHeads(), config.headSize()).transpose(0, 2, 1, 3);
    }

    private static NDArray apply(Block block, ParameterStore store, NDArray input, boolean training) {
        return block.forward(store, new NDList(input), training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0];
        Shape inner = new Shape(hidden.get(0), hidden.get(1), config.intermediateSize());
        for (Linear linear : new Linear[] {query, key, value, attentionOutput, intermediate}) {
            linear.initialize(manager, dataType, hidden);
        }
        output.initialize(manager, dataType, inner);
        attentionNorm.initialize(manager, dataType, hidden);
        outputNorm.initialize(manager, dataType, hidden);
        Shape scores = new Shape(hidden.get(0), config.numHeads(), hidden.get(1), hidden.get(1));
        attentionDropout.initialize(manager, dataType, scores);
        attentionOutputDropout.initialize(manager, dataType, hidden);
        outputDropout.initialize(manager, dataType, hidden);
    }
}
