package org.cnlp.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A lookup table {@code [rows, width]} indexed by int64 ids (PyTorch {@code nn.Embedding}).
 * The result belongs to the ids' manager, so per-batch scopes own it.
 */
final class EmbeddingTable extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Parameter weight;
    private final int width;

    EmbeddingTable(int rows, int width) {
        super(VERSION);
        this.width = width;
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, width))
                .build());
    }

    Parameter weight() {
        return weight;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        NDArray table = store.getValue(weight, ids.getDevice(), training);
        return Embedding.embedding(ids, table, SparseFormat.DENSE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(width)};
    }
}
