package org.cnlp.model.encoder;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.cnlp.model.weights.WeightSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TokenBlock} with its weights on a device, ready for inference.
 *
 * <p>Thread-safe: parameters are frozen and only read; each forward pass runs in its own
 * sub-manager of the model's manager, closed before the call returns, so native memory holds
 * only the weights between calls however many batches run. Owns the native memory of the
 * weights: close it once, after the last forward.
 */
public final class TokenModel implements TokenRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TokenModel.class);
    private static final String ENGINE = "PyTorch";

    private final TokenBlock block;
    private final NDManager manager;

    private TokenModel(TokenBlock block, NDManager manager) {
        this.block = block;
        this.manager = manager;
    }

    /**
     * Loads {@code weights} into a fresh {@code block} on {@code device}.
     *
     * @throws IllegalArgumentException when the weights do not fit the block
     * @throws IllegalStateException when the block was initialized before
     */
    public static TokenModel create(TokenBlock block, WeightSet weights, Device device) {
        if (block.isInitialized()) {
            throw new IllegalStateException("the block is already initialized: build a new block for each model");
        }
        WeightBinding.bind(block, weights);
        NDManager manager = NDManager.newBaseManager(device, ENGINE);
        try {
            Shape probe = new Shape(1, 8);
            block.initialize(manager, DataType.FLOAT32, probe, probe, probe);
            block.freezeParameters(true);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        LOG.info("Model loaded on {}: {} parameter tensors, output width {}", device, block.namedParameters().size(),
                block.outputSize());
        return new TokenModel(block, manager);
    }

    /** Loads with a device setting ({@code cpu}, {@code auto}, {@code cuda[:N]}); see {@link DeviceSelection}. */
    public static TokenModel create(TokenBlock block, WeightSet weights, String deviceSetting) {
        return create(block, weights, DeviceSelection.select(deviceSetting));
    }

    /** The device holding the weights. */
    public Device device() {
        return manager.getDevice();
    }

    /** The block (initialized, parameters frozen). */
    public TokenBlock block() {
        return block;
    }

    @Override
    public int outputSize() {
        return block.outputSize();
    }

    @Override
    public int maxSequenceLength() {
        return block.maxSequenceLength();
    }

    /**
     * Runs a batch and hands the output {@code [batch, tokens, outputSize]} to {@code reader}
     * inside the batch's scope: the array is closed when this returns, so the reader must copy
     * what it keeps.
     */
    public <R> R forward(EncoderBatch batch, Function<NDArray, R> reader) {
        if (batch.length() > block.maxSequenceLength()) {
            throw new IllegalArgumentException("batch length " + batch.length() + " exceeds the model's "
                    + block.maxSequenceLength() + " positions");
        }
        try (NDManager scope = manager.newSubManager()) {
            NDList inputs = batch.toNDList(scope);
            NDArray output = block.forward(new ParameterStore(scope, false), inputs, false).head();
            return reader.apply(output);
        }
    }

    @Override
    public List<float[]> forward(EncoderBatch batch) {
        return forward(batch, output -> {
            float[] all = output.toType(DataType.FLOAT32, false).toFloatArray();
            int width = outputSize();
            List<float[]> rows = new ArrayList<>(batch.size());
            for (int b = 0; b < batch.size(); b++) {
                int from = b * batch.length() * width;
                rows.add(Arrays.copyOfRange(all, from, from + batch.sequenceLength(b) * width));
            }
            return rows;
        });
    }

    /** The number of native arrays the model's manager holds (weights only, between calls). */
    int liveArrayCount() {
        return ((BaseNDManager) manager).getManagedArrays().size();
    }

    @Override
    public String engineDescription() {
        return ENGINE + " " + manager.getDevice();
    }

    @Override
    public void close() {
        manager.close();
    }
}
