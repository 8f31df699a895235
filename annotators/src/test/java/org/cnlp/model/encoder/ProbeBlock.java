package org.cnlp.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/** A parameter-free token block whose output per token is (position in its sequence, token id): it shows what windowing did. */
final class ProbeBlock extends AbstractBlock implements TokenBlock {

    private final int maxLength;

    ProbeBlock(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        Shape shape = ids.getShape();
        NDArray positions = ids.getManager().arange(0f, (float) shape.get(1), 1f, DataType.FLOAT32).broadcast(shape);
        return new NDList(NDArrays.stack(new NDList(positions, ids.toType(DataType.FLOAT32, false)), 2));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(2)};
    }

    @Override
    public SequencedMap<String, Parameter> namedParameters() {
        return new LinkedHashMap<>();
    }

    @Override
    public int outputSize() {
        return 2;
    }

    @Override
    public int maxSequenceLength() {
        return maxLength;
    }
}
