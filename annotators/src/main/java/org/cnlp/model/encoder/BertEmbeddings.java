package org.cnlp.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.SequencedMap;

/**
 * Word + position + token type embeddings, LayerNorm, dropout (HuggingFace {@code BertEmbeddings}).
 * Positions are {@code 0..tokens-1}: the position table is read only up to the sequence length.
 * Inputs: {@code (input_ids, token_type_ids)}; output {@code [batch, tokens, hidden]}.
 */
final class BertEmbeddings extends AbstractBlock {

    private static final byte VERSION = 1;

    private final BertConfig config;
    private final EmbeddingTable words;
    private final EmbeddingTable positions;
    private final EmbeddingTable tokenTypes;
    private final LayerNorm norm;
    private final Dropout dropout;

    BertEmbeddings(BertConfig config) {
        super(VERSION);
        this.config = config;
        words = addChildBlock("word_embeddings", new EmbeddingTable(config.vocabSize(), config.hiddenSize()));
        positions = addChildBlock("position_embeddings", new EmbeddingTable(config.maxPositions(), config.hiddenSize()));
        tokenTypes = addChildBlock("token_type_embeddings", new EmbeddingTable(config.typeVocabSize(), config.hiddenSize()));
        norm = addChildBlock("LayerNorm", Layers.layerNorm(config));
        dropout = addChildBlock("dropout", Dropout.builder().optRate(config.hiddenDropout()).build());
    }

    void collect(String prefix, SequencedMap<String, Parameter> out) {
        out.put(prefix + "word_embeddings.weight", words.weight());
        out.put(prefix + "position_embeddings.weight", positions.weight());
        out.put(prefix + "token_type_embeddings.weight", tokenTypes.weight());
        Layers.collectNorm(prefix + "LayerNorm", norm, out);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray types = inputs.get(1);
        long tokens = ids.getShape().get(1);
        if (tokens > config.maxPositions()) {
            throw new IllegalArgumentException(
                    "sequence of " + tokens + " tokens is longer than the " + config.maxPositions() + " positions of the model");
        }
        NDArray positionIds = ids.getManager().arange(0f, (float) tokens, 1f, DataType.INT64, ids.getDevice());
        NDArray sum = words.forward(store, new NDList(ids), training).head()
                .add(tokenTypes.forward(store, new NDList(types), training).head())
                .add(positions.forward(store, new NDList(positionIds), training).head());
        NDArray normed = norm.forward(store, new NDList(sum), training).head();
        return dropout.forward(store, new NDList(normed), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(config.hiddenSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        Shape hidden = ids.add(config.hiddenSize());
        words.initialize(manager, dataType, ids);
        positions.initialize(manager, dataType, new Shape(ids.get(1)));
        tokenTypes.initialize(manager, dataType, ids);
        norm.initialize(manager, dataType, hidden);
        dropout.initialize(manager, dataType, hidden);
    }
}
